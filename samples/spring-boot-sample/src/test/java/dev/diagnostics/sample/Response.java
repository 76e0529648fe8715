package dev.diagnostics.sample;

import com.jayway.jsonpath.JsonPath;

/** An HTTP answer of the sample, read with JSON paths. */
record Response(int code, String body) {

    <T> T read(String path) {
        return JsonPath.read(this.body, path);
    }

    String status() {
        return read("$.status");
    }
}
