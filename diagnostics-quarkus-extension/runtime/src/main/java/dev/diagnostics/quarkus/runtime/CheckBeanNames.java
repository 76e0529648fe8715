package dev.diagnostics.quarkus.runtime;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.inject.spi.Bean;

import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthGroups;
import io.quarkus.arc.InjectableBean;
import io.smallrye.common.annotation.Identifier;

/**
 * What a CDI bean implementing {@link dev.diagnostics.HealthCheck} is called and which groups its qualifiers put it
 * in.
 *
 * <ul>
 * <li>Name: the {@link Identifier @Identifier} value, else the {@link jakarta.inject.Named @Named} name, else the bean
 * class's simple name without a trailing {@code HealthCheck} or {@code Check}, decapitalised
 * ({@code InventoryFeedCheck} is {@code inventoryFeed}). A producer method or field has no class name to go by, so
 * it must carry one of the two annotations.</li>
 * <li>Groups: MicroProfile Health's {@link Liveness @Liveness}, {@link Readiness @Readiness} and
 * {@link Startup @Startup} qualifiers map to the liveness, readiness and startup groups.</li>
 * </ul>
 */
final class CheckBeanNames {

    private CheckBeanNames() {
    }

    static String nameOf(Bean<?> bean) {
        for (Annotation qualifier : bean.getQualifiers()) {
            if (qualifier instanceof Identifier identifier) {
                return identifier.value();
            }
        }
        if (bean.getName() != null) {
            return bean.getName();
        }
        if (bean instanceof InjectableBean<?> injectable && injectable.getKind() != InjectableBean.Kind.CLASS) {
            throw new IllegalStateException("The dev.diagnostics.HealthCheck bean declared by "
                    + bean.getBeanClass().getName() + " (" + injectable.getKind() + ") has no name: annotate it with"
                    + " @io.smallrye.common.annotation.Identifier(\"<check-name>\") or @jakarta.inject.Named");
        }
        return CheckRegistration.nameFor(bean.getBeanClass().getSimpleName());
    }

    static Set<String> groupsOf(Bean<?> bean) {
        Set<String> groups = new LinkedHashSet<>();
        for (Annotation qualifier : bean.getQualifiers()) {
            if (qualifier instanceof Liveness) {
                groups.add(HealthGroups.LIVENESS);
            }
            else if (qualifier instanceof Readiness) {
                groups.add(HealthGroups.READINESS);
            }
            else if (qualifier instanceof Startup) {
                groups.add(HealthGroups.STARTUP);
            }
        }
        return groups;
    }
}
