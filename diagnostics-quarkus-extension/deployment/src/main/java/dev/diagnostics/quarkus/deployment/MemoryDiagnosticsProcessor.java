package dev.diagnostics.quarkus.deployment;

import dev.diagnostics.quarkus.runtime.MemoryDiagnostics;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.resteasy.reactive.spi.DynamicFeatureBuildItem;

/**
 * The memory watch: its bean always (it does nothing when {@code quarkus.diagnostics.memory.enabled=false}), and its
 * JAX-RS request filter only when Quarkus REST is present. The feature is named, not referenced, so an application
 * without Quarkus REST never loads a JAX-RS class of ours.
 */
class MemoryDiagnosticsProcessor {

    static final String FEATURE = "dev.diagnostics.quarkus.runtime.rest.MemoryWatchFeature";

    static final String REST_CAPABILITY = "io.quarkus.rest";

    @BuildStep
    AdditionalBeanBuildItem memoryBean() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(MemoryDiagnostics.class).setUnremovable().build();
    }

    @BuildStep
    void requestFilter(Capabilities capabilities, BuildProducer<DynamicFeatureBuildItem> features) {
        if (capabilities.isPresent(REST_CAPABILITY)) {
            features.produce(new DynamicFeatureBuildItem(FEATURE, false));
        }
    }
}
