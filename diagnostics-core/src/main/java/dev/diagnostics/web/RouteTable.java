package dev.diagnostics.web;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.diagnostics.InvalidConfigurationException;

/**
 * One value per HTTP route template (a meter, a set of meters), with bounded cardinality: the per-request half of a
 * filter that tags by route.
 *
 * <p>Route templates come from the framework after it matched the request ({@code /orders/{id}}, never the raw
 * path), so they are few; still, this table holds at most {@code maxRoutes} of them. A request without a template
 * (no handler matched, a 404, a static resource) gets the {@link #UNKNOWN} value; templates seen after the table is
 * full, or longer than {@value #MAX_TEMPLATE_LENGTH} characters, share the {@link #OTHER} value. So whatever clients
 * send, the number of distinct tag values stays at {@code maxRoutes + 2}.
 *
 * <p>{@link #forRoute(String)} allocates nothing once a template has been seen: a {@link ConcurrentHashMap} read with
 * the template string (whose hash code the JVM caches). The factory runs once per new template. Thread-safe.
 *
 * @param <T> what is kept per route
 */
public final class RouteTable<T> {

    /** The tag value of requests that matched no route template. */
    public static final String UNKNOWN = "UNKNOWN";

    /** The tag value shared by routes seen after the table was full. */
    public static final String OTHER = "OTHER";

    /** Templates longer than this are not believed to be templates and count as {@link #OTHER}. */
    public static final int MAX_TEMPLATE_LENGTH = 200;

    /** The largest {@code maxRoutes} a table takes. */
    public static final int MAX_ROUTES_LIMIT = 10_000;

    private final ConcurrentHashMap<String, T> routes = new ConcurrentHashMap<>();

    private final Function<String, T> factory;

    private final int maxRoutes;

    private final AtomicInteger size = new AtomicInteger();

    private final T unknown;

    private final T other;

    /**
     * @param maxRoutes how many distinct templates get their own value (1 to 10,000)
     * @param factory creates the value of a template (or of {@link #UNKNOWN} or {@link #OTHER}); called once per
     *        template
     */
    public RouteTable(int maxRoutes, Function<String, T> factory) {
        if (maxRoutes < 1 || maxRoutes > MAX_ROUTES_LIMIT) {
            throw new IllegalArgumentException("maxRoutes must be 1 to " + MAX_ROUTES_LIMIT + ", was " + maxRoutes);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.maxRoutes = maxRoutes;
        this.unknown = factory.apply(UNKNOWN);
        this.other = factory.apply(OTHER);
    }

    /**
     * The value of a route template.
     *
     * @param template the framework's route template, or {@code null} when the request matched none
     * @return the template's own value; the {@link #UNKNOWN} one for {@code null} or empty; the {@link #OTHER} one
     *         when the table is full or the template is too long
     */
    public T forRoute(String template) {
        if (template == null || template.isEmpty()) {
            return this.unknown;
        }
        T value = this.routes.get(template);
        return (value != null) ? value : add(template);
    }

    private T add(String template) {
        if (template.length() > MAX_TEMPLATE_LENGTH || UNKNOWN.equals(template) || OTHER.equals(template)) {
            return template.equals(UNKNOWN) ? this.unknown : this.other;
        }
        synchronized (this) {
            T value = this.routes.get(template);
            if (value != null) {
                return value;
            }
            if (this.size.get() >= this.maxRoutes) {
                return this.other;
            }
            value = this.factory.apply(template);
            this.routes.put(template, value);
            this.size.incrementAndGet();
            return value;
        }
    }

    /**
     * Checks a configured {@code max-routes} setting.
     *
     * @param property the full property name, named in the exception
     * @return the value, when it is 1 to {@value #MAX_ROUTES_LIMIT}
     * @throws InvalidConfigurationException naming the property otherwise
     */
    public static int maxRoutesSetting(String property, int maxRoutes) {
        if (maxRoutes < 1 || maxRoutes > MAX_ROUTES_LIMIT) {
            throw new InvalidConfigurationException(property,
                    "must be between 1 and " + MAX_ROUTES_LIMIT + ", was " + maxRoutes);
        }
        return maxRoutes;
    }

    /** How many templates have their own value (not counting {@link #UNKNOWN} and {@link #OTHER}). */
    public int size() {
        return this.size.get();
    }

    /** The most templates that get their own value. */
    public int maxRoutes() {
        return this.maxRoutes;
    }
}
