package dev.diagnostics.sample.lab;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The JWT part of the fault lab; see the sample's README. Never expose such endpoints in a real service. */
@RestController
@RequestMapping("/lab/jwt")
class JwtLabController {

    private final JwtLab jwt;

    JwtLabController(JwtLab jwt) {
        this.jwt = jwt;
    }

    @GetMapping
    Map<String, Object> faults() {
        return Map.of(
                "rogue-instance", Map.of("active", this.jwt.isRogueRunning(), "create", "POST /lab/jwt/rogue-instance",
                        "clear", "DELETE /lab/jwt/rogue-instance", "watch", "/actuator/health/readiness",
                        "description", "A second instance with another secret joins the key registry (redis profile"
                                + " only). The 'jwt' check turns DOWN (503) naming both keys and which instance uses"
                                + " which, within one publish interval."),
                "foreign-tokens", Map.of("create", "POST /lab/jwt/foreign-tokens?count=N", "watch",
                        "/actuator/health/readiness", "description", "N tokens signed with another secret reach the"
                                + " classifier. From diagnostics.jwt.bad-signature-threshold (5 here) within a"
                                + " minute, the 'jwt' check is DEGRADED: 'tokens signed with another secret'."));
    }

    @PostMapping("/rogue-instance")
    ResponseEntity<Map<String, Object>> startRogue() {
        try {
            return ResponseEntity.ok(Map.of("fault", "rogue-instance", "active", true, "instance",
                    JwtLab.ROGUE_INSTANCE, "fingerprint", this.jwt.startRogue(), "watch", "/actuator/health/readiness"));
        }
        catch (IllegalStateException ex) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", ex.getMessage()));
        }
    }

    @DeleteMapping("/rogue-instance")
    Map<String, Object> stopRogue() {
        return Map.of("fault", "rogue-instance", "stopped", this.jwt.stopRogue(), "note",
                "its announcement drops out after its TTL (15 s)");
    }

    @PostMapping("/foreign-tokens")
    ResponseEntity<Map<String, Object>> foreignTokens(@RequestParam(defaultValue = "10") int count) {
        if (count < 1 || count > 10_000) {
            return ResponseEntity.badRequest().body(Map.of("error", "count must be 1 to 10000"));
        }
        return ResponseEntity.ok(Map.of("fault", "foreign-tokens", "presented", this.jwt.foreignTokens(count),
                "watch", "/actuator/health/readiness"));
    }
}
