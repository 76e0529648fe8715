package dev.diagnostics.quarkus.runtime.rest;

import java.lang.reflect.Method;
import java.util.Set;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Puts a {@link MemoryWatchRestFilter} on every JAX-RS resource method, with the method's route template
 * ({@code @Path} of the class and of the method, so {@code /orders/{id}}) worked out once here, at deployment, instead
 * of per request. Registered by the extension only when Quarkus REST is present. Quarkus REST runs features while the
 * application is built, before runtime configuration exists, so the filters find the memory watch on their first
 * request.
 */
public class MemoryWatchFeature implements DynamicFeature {

    /** Return types whose methods finish after they return, possibly on another thread. */
    private static final Set<String> ASYNC_TYPES = Set.of("io.smallrye.mutiny.Uni", "io.smallrye.mutiny.Multi",
            "java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture",
            "org.reactivestreams.Publisher", "java.util.concurrent.Flow$Publisher");

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        context.register(new MemoryWatchRestFilter(template(resource.getResourceClass(), method),
                synchronous(method)));
    }

    /** Whether the method finishes on its thread when it returns (no asynchronous result type). */
    static boolean synchronous(Method method) {
        return !ASYNC_TYPES.contains(method.getReturnType().getName());
    }

    static String template(Class<?> type, Method method) {
        StringBuilder template = new StringBuilder();
        append(template, type.getAnnotation(Path.class));
        append(template, method.getAnnotation(Path.class));
        return (template.length() == 0) ? "/" : template.toString();
    }

    private static void append(StringBuilder template, Path path) {
        if (path == null) {
            return;
        }
        String value = path.value().strip();
        if (!value.startsWith("/")) {
            template.append('/');
        }
        template.append(value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value);
        if (template.length() > 1 && template.charAt(template.length() - 1) == '/') {
            template.setLength(template.length() - 1);
        }
    }
}
