package dev.diagnostics.web;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTests {

    private final AtomicInteger created = new AtomicInteger();

    private final RouteTable<String> table = new RouteTable<>(2, (route) -> {
        this.created.incrementAndGet();
        return "value:" + route;
    });

    @Test
    void eachTemplateGetsOneValueCreatedOnce() {
        assertThat(this.table.forRoute("/a/{id}")).isEqualTo("value:/a/{id}");
        assertThat(this.table.forRoute("/a/{id}")).isSameAs(this.table.forRoute(new String("/a/{id}")));
        assertThat(this.created).hasValue(3);
    }

    @Test
    void missingTemplatesAreUnknownAndOverflowIsOther() {
        assertThat(this.table.forRoute(null)).isEqualTo("value:UNKNOWN");
        assertThat(this.table.forRoute("")).isEqualTo("value:UNKNOWN");
        this.table.forRoute("/a");
        this.table.forRoute("/b");
        assertThat(this.table.forRoute("/c")).isEqualTo("value:OTHER");
        assertThat(this.table.forRoute("/a")).isEqualTo("value:/a");
        assertThat(this.table.forRoute("/x".repeat(101))).isEqualTo("value:OTHER");
        assertThat(this.table.size()).isEqualTo(2);
    }

    @Test
    void templatesNamedLikeTheReservedValuesShareThem() {
        assertThat(this.table.forRoute("OTHER")).isEqualTo("value:OTHER");
        assertThat(this.table.forRoute("UNKNOWN")).isEqualTo("value:UNKNOWN");
        assertThat(this.table.size()).isZero();
    }

    @Test
    void sizeIsBounded() {
        assertThatThrownBy(() -> new RouteTable<>(0, (r) -> r)).isInstanceOf(IllegalArgumentException.class);
    }
}
