package dev.diagnostics.quarkus.deployment;

import org.jboss.jandex.DotName;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The {@code redis} check, only when lettuce-core is on the application's class path (it is an optional dependency of
 * the runtime module, and no Quarkus extension stands for it, so there is no capability to ask for). The runtime bean
 * and the lettuce types are named, not referenced, so this module never loads a lettuce class.
 */
class RedisDiagnosticsProcessor {

    static final String REDIS_CHECKS = "dev.diagnostics.quarkus.runtime.redis.LettuceRedisChecks";

    static final String LETTUCE_CLIENT = "io.lettuce.core.RedisClient";

    /** The application's lettuce beans the check can be built from. */
    static final String[] LETTUCE_BEAN_TYPES = { LETTUCE_CLIENT, "io.lettuce.core.RedisURI",
            "io.lettuce.core.cluster.RedisClusterClient", "io.lettuce.core.api.StatefulConnection" };

    @BuildStep
    void redisChecks(BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<UnremovableBeanBuildItem> unremovable) {
        if (QuarkusClassLoader.isClassPresentAtRuntime(LETTUCE_CLIENT)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(REDIS_CHECKS).setUnremovable().build());
            // The check looks them up programmatically; keep them even when nothing else in the application injects
            // them, rather than rely on how ArC reads that lookup.
            DotName[] types = new DotName[LETTUCE_BEAN_TYPES.length];
            for (int i = 0; i < types.length; i++) {
                types[i] = DotName.createSimple(LETTUCE_BEAN_TYPES[i]);
            }
            unremovable.produce(UnremovableBeanBuildItem.beanTypes(types));
        }
    }
}
