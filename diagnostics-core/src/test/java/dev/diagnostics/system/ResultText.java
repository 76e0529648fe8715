package dev.diagnostics.system;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.diagnostics.CheckResult;

/** Everything a result can show anywhere (details, diagnosis, error, toString), as one text to search for canaries. */
final class ResultText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultText() {
    }

    static String of(CheckResult result) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("status", result.status().name());
        all.put("details", result.details());
        result.diagnosis().ifPresent((diagnosis) -> all.put("diagnosis", Map.of("code", diagnosis.code(), "cause",
                diagnosis.cause(), "remedy", diagnosis.remedy())));
        result.error().ifPresent((error) -> all.put("error", error));
        try {
            return JSON.writeValueAsString(all) + result;
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
