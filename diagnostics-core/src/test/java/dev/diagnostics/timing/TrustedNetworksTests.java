package dev.diagnostics.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.diagnostics.InvalidConfigurationException;

class TrustedNetworksTests {

    @Test
    void matchesIpv4AndIpv6Blocks() {
        TrustedNetworks networks = TrustedNetworks.parse("p", List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));
        assertThat(networks.trusts("10.255.0.1")).isTrue();
        assertThat(networks.trusts("11.0.0.1")).isFalse();
        assertThat(networks.trusts("192.168.1.7")).isTrue();
        assertThat(networks.trusts("192.168.1.8")).isFalse();
        assertThat(networks.trusts("fd12:3456::1")).isTrue();
        assertThat(networks.trusts("[fd12:3456::1]")).isTrue();
        assertThat(networks.trusts("fe80::1")).isFalse();
    }

    @Test
    void oddPrefixLengthsMaskBitsWithinAByte() {
        TrustedNetworks networks = TrustedNetworks.parse("p", List.of("172.16.0.0/12"));
        assertThat(networks.trusts("172.31.255.255")).isTrue();
        assertThat(networks.trusts("172.32.0.0")).isFalse();
        assertThat(TrustedNetworks.parse("p", List.of("0.0.0.0/0")).trusts("8.8.8.8")).isTrue();
    }

    @Test
    void hostNamesAndGarbageAreNeverTrustedAndNeverLookedUp() {
        TrustedNetworks everyone = TrustedNetworks.parse("p", List.of("0.0.0.0/0", "::/0"));
        assertThat(everyone.trusts("localhost")).isFalse();
        assertThat(everyone.trusts("example.invalid")).isFalse();
        assertThat(everyone.trusts("")).isFalse();
        assertThat(everyone.trusts(null)).isFalse();
        assertThat(everyone.trusts("1.2.3")).isFalse();
        assertThat(TrustedNetworks.parse("p", List.of()).trusts("127.0.0.1")).isFalse();
    }

    @Test
    void badEntriesAreRejectedNamingTheProperty() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> TimingConfig.builder().trustedNetworks(List.of("intranet.local")))
                .withMessageContaining("diagnostics.timing.server-timing.trusted-networks")
                .withMessageContaining("intranet.local");
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> TrustedNetworks.parse("x.y", List.of("10.0.0.0/33")))
                .withMessageContaining("x.y").withMessageContaining("0..32");
    }

    @Test
    void configRejectsBadValuesNamingTheProperty() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> TimingConfig.builder().slowRequestThreshold(java.time.Duration.ZERO))
                .withMessageContaining("diagnostics.timing.slow-request-threshold");
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> TimingConfig.builder().propertyPrefix("quarkus.diagnostics.timing").maxRoutes(0))
                .withMessageContaining("quarkus.diagnostics.timing.max-routes");
        assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> TimingConfig.builder().slowLogMaxLines(0))
                .withMessageContaining("diagnostics.timing.slow-log.max-lines");
    }
}
