package dev.cell.demo.api;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes the API's JSON answers. */
final class Json {
    private Json() {}

    static void write(HttpServletResponse res, int status, Map<String, ?> body) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setHeader("Cache-Control", "no-store");
        res.getOutputStream().write(JSONObjectUtils.toJSONString(Map.copyOf(body)).getBytes(StandardCharsets.UTF_8));
    }
}
