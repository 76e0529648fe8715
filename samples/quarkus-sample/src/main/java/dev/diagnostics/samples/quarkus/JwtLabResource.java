package dev.diagnostics.samples.quarkus;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JWT part of the fault lab; see the sample's README. Never expose such endpoints in a real service. */
@Path("/lab/jwt")
@Produces(MediaType.APPLICATION_JSON)
public class JwtLabResource {

    private final JwtLab jwt;

    JwtLabResource(JwtLab jwt) {
        this.jwt = jwt;
    }

    @GET
    public Map<String, Object> faults() {
        return Map.of(
                "rogue-instance", Map.of("active", this.jwt.isRogueRunning(), "create", "POST /lab/jwt/rogue-instance",
                        "clear", "DELETE /lab/jwt/rogue-instance", "watch", "/q/health/ready",
                        "description", "A second instance with another secret joins the key registry (only with"
                                + " REDIS_URL set). The 'jwt' check turns DOWN (503) naming both keys and which"
                                + " instance uses which, within one publish interval."),
                "foreign-tokens", Map.of("create", "POST /lab/jwt/foreign-tokens?count=N", "watch", "/q/health/ready",
                        "description", "N tokens signed with another secret reach the classifier. From"
                                + " quarkus.diagnostics.jwt.bad-signature-threshold (5 here) within a minute, the 'jwt'"
                                + " check is DEGRADED: 'tokens signed with another secret'."));
    }

    @POST
    @Path("/rogue-instance")
    public Response startRogue() {
        try {
            return Response.ok(Map.of("fault", "rogue-instance", "active", true, "instance", JwtLab.ROGUE_INSTANCE,
                    "fingerprint", this.jwt.startRogue(), "watch", "/q/health/ready")).build();
        }
        catch (IllegalStateException ex) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", ex.getMessage())).build();
        }
    }

    @DELETE
    @Path("/rogue-instance")
    public Map<String, Object> stopRogue() {
        return Map.of("fault", "rogue-instance", "stopped", this.jwt.stopRogue(), "note",
                "its announcement drops out after its TTL (15 s)");
    }

    @POST
    @Path("/foreign-tokens")
    public Response foreignTokens(@QueryParam("count") @DefaultValue("10") int count) {
        if (count < 1 || count > 10_000) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "count must be 1 to 10000"))
                    .build();
        }
        try {
            return Response.ok(Map.of("fault", "foreign-tokens", "presented", this.jwt.foreignTokens(count), "watch",
                    "/q/health/ready")).build();
        }
        catch (IllegalStateException ex) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", ex.getMessage())).build();
        }
    }
}
