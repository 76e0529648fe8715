package dev.diagnostics.quarkus.runtime.rest;

import java.lang.reflect.Method;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Puts a {@link TimingRestFilter} on every JAX-RS resource method, with the route template worked out once, as the
 * memory watch does ({@link MemoryWatchFeature#template}). Its priority puts its request filter before and its response
 * filter after the memory watch's, so the memory filter's per-request allocation reaches the slow-request log.
 */
public class TimingFeature implements DynamicFeature {

    /** Before the memory watch's filter (default priority, USER). */
    static final int PRIORITY = 10;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        context.register(new TimingRestFilter(MemoryWatchFeature.template(resource.getResourceClass(), method),
                MemoryWatchFeature.synchronous(method)), PRIORITY);
    }
}
