package dev.diagnostics.quarkus.deployment;

import java.util.List;
import java.util.Set;

import org.jboss.jandex.DotName;

import dev.diagnostics.quarkus.runtime.TimingDiagnostics;
import dev.diagnostics.quarkus.runtime.timing.TimedSectionInterceptor;
import dev.diagnostics.timing.TimedSection;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.InterceptorBindingRegistrarBuildItem;
import io.quarkus.arc.processor.InterceptorBindingRegistrar;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.resteasy.reactive.spi.DynamicFeatureBuildItem;

/**
 * Request and method timing: the timing bean and the {@code @TimedSection} interceptor always (they do nothing when
 * {@code quarkus.diagnostics.timing.enabled=false}), core's {@link TimedSection} registered as an interceptor binding
 * whose members do not bind, and the JAX-RS filter only when Quarkus REST is present.
 */
class TimingDiagnosticsProcessor implements InterceptorBindingRegistrar {

    static final String FEATURE = "dev.diagnostics.quarkus.runtime.rest.TimingFeature";

    @BuildStep
    AdditionalBeanBuildItem timingBeans() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(TimingDiagnostics.class, TimedSectionInterceptor.class)
                .setUnremovable().build();
    }

    @BuildStep
    InterceptorBindingRegistrarBuildItem timedSectionBinding() {
        return new InterceptorBindingRegistrarBuildItem(this);
    }

    /** {@link TimedSection} as an interceptor binding whose members do not take part in matching. */
    @Override
    public List<InterceptorBinding> getAdditionalBindings() {
        return List.of(InterceptorBinding.of(DotName.createSimple(TimedSection.class.getName()),
                Set.of("value", "slowThresholdMillis")));
    }

    @BuildStep
    void requestFilter(Capabilities capabilities, BuildProducer<DynamicFeatureBuildItem> features) {
        if (capabilities.isPresent(MemoryDiagnosticsProcessor.REST_CAPABILITY)) {
            features.produce(new DynamicFeatureBuildItem(FEATURE, false));
        }
    }
}
