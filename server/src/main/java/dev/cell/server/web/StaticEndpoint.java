package dev.cell.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The pages' stylesheet, read once from the classpath. */
public final class StaticEndpoint {
    private final byte[] css;

    public StaticEndpoint() {
        try (InputStream in = StaticEndpoint.class.getResourceAsStream("/static/cell.css")) {
            this.css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void css(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.status(200).contentType("text/css;charset=UTF-8").result(css);
    }
}
