package dev.cell.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Renders the precompiled JTE pages with headers that forbid caching, framing and foreign content. */
public final class Pages {
    /** Pages load only their own stylesheet; no script, no frames, no plugins (RFC 9700 §4.16). */
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public void render(Context ctx, int status, String template, Map<String, Object> params) {
        render(ctx, status, template, params, null);
    }

    /** @param imageOrigin an https origin the page may also load images from (a client's logo), or null */
    public void render(Context ctx, int status, String template, Map<String, Object> params, String imageOrigin) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, params, out);
        ctx.header("Content-Security-Policy", imageOrigin == null ? CSP : CSP.replace("img-src 'self'", "img-src 'self' " + imageOrigin));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        ctx.status(status).contentType("text/html;charset=UTF-8").result(out.toByteArray());
    }
}
