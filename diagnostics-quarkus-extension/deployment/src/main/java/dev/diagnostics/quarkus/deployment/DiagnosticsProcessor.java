package dev.diagnostics.quarkus.deployment;

import org.jboss.jandex.DotName;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.quarkus.runtime.HealthEngineMetricsBinding;
import dev.diagnostics.quarkus.runtime.HealthEngineProducer;
import dev.diagnostics.quarkus.runtime.SmallRyeHealthRegistrar;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of the diagnostics extension: its beans, and keeping the application's check beans. */
class DiagnosticsProcessor {

    static final String FEATURE = "diagnostics";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(HealthEngineProducer.class, SmallRyeHealthRegistrar.class,
                        HealthEngineMetricsBinding.class)
                .setUnremovable()
                .build();
    }

    /**
     * The engine finds the application's checks by a programmatic {@code Instance} lookup; keep every such bean even
     * when nothing else injects it, rather than rely on how ArC reads that lookup.
     */
    @BuildStep
    UnremovableBeanBuildItem checkBeans() {
        return UnremovableBeanBuildItem.beanTypes(DotName.createSimple(HealthCheck.class),
                DotName.createSimple(CheckRegistration.class));
    }
}
