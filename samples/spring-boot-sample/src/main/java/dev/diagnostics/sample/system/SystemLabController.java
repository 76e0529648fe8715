package dev.diagnostics.sample.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * System faults for the {@code cpu} and {@code files} checks: busy report workers, a corrupted model file.
 * {@code GET /lab/system} lists them. Never expose such endpoints in a real service.
 */
@RestController
@RequestMapping("/lab")
class SystemLabController {

    private final ReportWorkers workers;

    private final ModelFile model;

    SystemLabController(ReportWorkers workers, ModelFile model) {
        this.workers = workers;
        this.model = model;
    }

    @GetMapping("/system")
    List<Map<String, Object>> faults() {
        return List.of(
                Map.of("name", "cpu-busy", "active", this.workers.isRunning(),
                        "create", "POST /lab/cpu/busy?threads=N&seconds=S", "clear", "DELETE /lab/cpu",
                        "watch", "/actuator/health",
                        "description", "N 'report-worker' threads spin in ReportWorkers.aggregate for S seconds."
                                + " Within diagnostics.cpu.interval (2 s here) the 'cpu' check is DEGRADED, naming"
                                + " each thread, its share of a core and where it is. It is in no probe group."),
                Map.of("name", "model-corrupt", "active", !this.model.intact(),
                        "create", "POST /lab/files/corrupt", "clear", "DELETE /lab/files",
                        "watch", "/actuator/health/readiness",
                        "description", "One byte of the model file flips. The 'files' check reads it again (its size"
                                + " or modification time changed) and is DOWN: it no longer matches its recorded"
                                + " SHA-256, so readiness answers 503."));
    }

    @PostMapping("/cpu/busy")
    Map<String, Object> busy(@RequestParam(defaultValue = "1") int threads,
            @RequestParam(defaultValue = "60") long seconds) {
        if (threads < 1 || threads > 8 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("threads must be 1 to 8 and seconds 1 to 600");
        }
        return Map.of("fault", "cpu-busy", "active", true, "threads", this.workers.start(threads, seconds),
                "watch", "/actuator/health");
    }

    @DeleteMapping("/cpu")
    Map<String, Object> calm() throws InterruptedException {
        return Map.of("fault", "cpu-busy", "active", false, "wasActive", this.workers.stop());
    }

    @PostMapping("/files/corrupt")
    Map<String, Object> corrupt() {
        this.model.corrupt();
        return Map.of("fault", "model-corrupt", "active", true, "file", this.model.path().toString(),
                "watch", "/actuator/health/readiness");
    }

    @DeleteMapping("/files")
    Map<String, Object> restore() {
        this.model.restore();
        return Map.of("fault", "model-corrupt", "active", false, "file", this.model.path().toString());
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException ex) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", ex.getMessage()));
    }
}
