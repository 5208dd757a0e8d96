package dev.cell.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The pages' stylesheet and the form_post page's script, read once from the classpath. */
public final class StaticEndpoint {
    private final byte[] css = read("/static/cell.css");
    private final byte[] formPostScript = read("/static/form_post.js");

    public void css(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.status(200).contentType("text/css;charset=UTF-8").result(css);
    }

    public void formPostScript(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.status(200).contentType("text/javascript;charset=UTF-8").result(formPostScript);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticEndpoint.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
