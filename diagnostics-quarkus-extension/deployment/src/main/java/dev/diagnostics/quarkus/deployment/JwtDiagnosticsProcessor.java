package dev.diagnostics.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The {@code jwt} check and the failure classifier bean, only when java-jwt is on the application's class path (it is
 * an optional dependency of the runtime module, and no Quarkus extension stands for it); with lettuce-core as well, the
 * Redis registry the instances compare their keys through. The runtime beans are named, not referenced, so this module
 * never loads a class that refers to java-jwt or lettuce.
 */
class JwtDiagnosticsProcessor {

    static final String JWT_CHECKS = "dev.diagnostics.quarkus.runtime.jwt.JavaJwtChecks";

    static final String JWT_REDIS_REGISTRY = "dev.diagnostics.quarkus.runtime.redis.LettuceJwtRegistry";

    static final String JAVA_JWT = "com.auth0.jwt.algorithms.Algorithm";

    @BuildStep
    void jwtChecks(BuildProducer<AdditionalBeanBuildItem> beans) {
        if (QuarkusClassLoader.isClassPresentAtRuntime(JAVA_JWT)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(JWT_CHECKS).setUnremovable().build());
            if (QuarkusClassLoader.isClassPresentAtRuntime(RedisDiagnosticsProcessor.LETTUCE_CLIENT)) {
                // The lettuce bean types it looks up are kept by RedisDiagnosticsProcessor.
                beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(JWT_REDIS_REGISTRY).setUnremovable()
                        .build());
            }
        }
    }
}
