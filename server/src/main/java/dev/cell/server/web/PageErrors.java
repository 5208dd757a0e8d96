package dev.cell.server.web;

import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.server.http.ErrorResponder;
import dev.cell.server.http.Responses;
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
                ctx.attribute(ErrorResponder.OUTCOME, e.error().code());
                render(ctx, pages, e.status() == 401 ? 400 : e.status(), e.error().code(), e.description());
            } catch (SignInRequestGone e) {
                ctx.attribute(ErrorResponder.OUTCOME, OAuthError.INVALID_REQUEST.code());
                render(ctx, pages, 400, OAuthError.INVALID_REQUEST.code(), "error.sign_in_gone", e.getMessage(), e.startAgainUri());
            } catch (StoreUnavailableException e) {
                LOG.warn("database unavailable: {}", e.getMessage());
                render(ctx, pages, 503, "temporarily_unavailable", "the service is temporarily unavailable; try again shortly");
            }
        };
    }

    public static void render(Context ctx, Pages pages, int status, String error, String description) {
        render(ctx, pages, status, error, "error.code." + error, description, null);
    }

    /**
     * The page is in one language, chosen like every page's ({@code ui_locales} of the request, then
     * {@code Accept-Language}): a sentence for the error in that language, with the wire code and the technical
     * description (English) in small print.
     *
     * @param sentence the bundle key of the sentence; a code without one gets the general sentence
     * @param startAgain where the person can start again, or null
     */
    private static void render(Context ctx, Pages pages, int status, String error, String sentence, String description, String startAgain) {
        Messages m = Messages.choose(ctx.queryParam("ui_locales"), ctx.header("Accept-Language"));
        Map<String, Object> params = new HashMap<>();
        params.put("m", m);
        params.put("sentence", m.getOr(sentence, "error.lead"));
        params.put("error", error);
        params.put("description", description);
        params.put("startAgain", startAgain);
        Responses.closeIfBodyUnread(ctx, status);
        pages.render(ctx, status, "error.jte", params);
    }
}
