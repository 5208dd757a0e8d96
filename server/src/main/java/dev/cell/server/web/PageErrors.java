package dev.cell.server.web;

import dev.cell.error.OAuthException;
import dev.cell.store.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Browser-facing endpoints answer errors with the error page, never JSON and never a redirect to an unproven URI. */
public final class PageErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

    private PageErrors() {}

    public static Handler guard(Pages pages, Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (OAuthException e) {
                ctx.attribute(dev.cell.server.http.ErrorResponder.OUTCOME, e.error().code());
                render(ctx, pages, e.status() == 401 ? 400 : e.status(), e.error().code(), e.description());
            } catch (StoreUnavailableException e) {
                LOG.warn("database unavailable: {}", e.getMessage());
                render(ctx, pages, 503, "temporarily_unavailable", "the service is temporarily unavailable; try again shortly");
            }
        };
    }

    public static void render(Context ctx, Pages pages, int status, String error, String description) {
        Map<String, Object> params = new HashMap<>();
        params.put("m", Messages.choose(null, ctx.header("Accept-Language")));
        params.put("error", error);
        params.put("description", description);
        pages.render(ctx, status, "error.jte", params);
    }
}
