package dev.diagnostics.samples.quarkus;

import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The timing lab: an endpoint slow in the application, inside a {@code @TimedSection} method, so
 * {@code curl -si localhost:8080/lab/timing/app} shows {@code X-Process-Time} and a {@code Server-Timing} of
 * {@code total}, {@code app} and {@code pricing}, and a call over 1 s is written to the slow-request log. In Quarkus
 * the breakdown has no database or Redis time yet (Agroal offers no statement hook). Never expose such endpoints in a
 * real service.
 */
@Path("/lab/timing")
@Produces(MediaType.APPLICATION_JSON)
public class TimingLabResource {

    private static final long MAX_MILLIS = 5_000;

    private final SlowWork work;

    TimingLabResource(SlowWork work) {
        this.work = work;
    }

    /** Slow in the application: the {@code pricing} section sleeps {@code ms} (0 to 5,000). */
    @GET
    @Path("/app")
    public Map<String, Object> app(@QueryParam("ms") @DefaultValue("1200") long ms) throws InterruptedException {
        long bounded = Math.max(0, Math.min(MAX_MILLIS, ms));
        this.work.price(bounded);
        return Map.of("slowIn", "app", "section", "pricing", "ms", bounded);
    }
}
