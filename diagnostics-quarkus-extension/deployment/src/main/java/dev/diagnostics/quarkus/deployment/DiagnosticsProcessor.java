package dev.diagnostics.quarkus.deployment;

import org.jboss.jandex.DotName;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.quarkus.runtime.AdoptedSmallRyeChecks;
import dev.diagnostics.quarkus.runtime.DiagnosticsBuildTimeConfig;
import dev.diagnostics.quarkus.runtime.EngineAsyncHealthCheckDecorator;
import dev.diagnostics.quarkus.runtime.EngineHealthCheckDecorator;
import dev.diagnostics.quarkus.runtime.HealthEngineMetricsBinding;
import dev.diagnostics.quarkus.runtime.HealthEngineProducer;
import dev.diagnostics.quarkus.runtime.RequiredConfigurationVerifier;
import dev.diagnostics.quarkus.runtime.SmallRyeHealthRegistrar;
import dev.diagnostics.quarkus.runtime.SystemChecks;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
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
                        HealthEngineMetricsBinding.class, SystemChecks.class, RequiredConfigurationVerifier.class)
                .setUnremovable()
                .build();
    }

    /**
     * With {@code quarkus.diagnostics.health.contributors.enabled} (the default), the MicroProfile Health check beans
     * of the application and of other extensions run through the engine: decorators answer SmallRye's calls from it.
     */
    @BuildStep
    void adoptSmallRyeChecks(DiagnosticsBuildTimeConfig config, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (config.health().contributors().enabled()) {
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(AdoptedSmallRyeChecks.class, EngineHealthCheckDecorator.class,
                            EngineAsyncHealthCheckDecorator.class)
                    .setUnremovable()
                    .build());
        }
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
