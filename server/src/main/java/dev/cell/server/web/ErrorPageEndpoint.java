package dev.cell.server.web;

import dev.cell.server.http.FormParser;
import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The error page {@code /oauth/error} of the Spring Security OAuth endpoint set: shows an error code and text,
 * escaped, and never redirects anywhere.
 */
public final class ErrorPageEndpoint {
    private static final Pattern CODE = Pattern.compile("[a-z_]{1,64}");
    private final Pages pages;

    public ErrorPageEndpoint(Pages pages) {
        this.pages = pages;
    }

    public void handle(Context ctx) {
        Map<String, String> params = FormParser.parse(ctx.queryString());
        String error = params.getOrDefault("error", "invalid_request");
        String description = params.get("error_description");
        PageErrors.render(ctx, pages, 400, CODE.matcher(error).matches() ? error : "invalid_request",
                description == null || description.length() > 300 ? null : description);
    }
}
