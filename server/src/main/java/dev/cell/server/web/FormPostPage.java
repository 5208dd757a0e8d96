package dev.cell.server.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Map;

/**
 * The OAuth 2.0 Form Post Response Mode page (section 2): the response as hidden fields of a form that a same-origin
 * script POSTs to the redirect URI, with a button when script is off.
 */
public final class FormPostPage {
    private final Pages pages;

    public FormPostPage(Pages pages) {
        this.pages = pages;
    }

    public void render(Context ctx, String redirectUri, Map<String, String> fields) {
        pages.render(ctx, 200, "form_post.jte",
                Map.of("m", Messages.choose(null, ctx.header("Accept-Language")), "action", redirectUri, "fields", fields));
        ctx.header("Content-Security-Policy", csp(redirectUri));
    }

    /** The pages' policy, plus the one script file and a form-action of the redirect URI's origin; still never framed. */
    static String csp(String redirectUri) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action " + origin(redirectUri)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    private static String origin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        if (uri.getRawAuthority() == null) {
            return uri.getScheme() + ":";
        }
        return uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
    }
}
