package dev.cell.server.web;

import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The two cookies Cell sets: the login session, and a browser id that binds pending requests and CSRF tokens
 * to one browser. Both {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} when the issuer is https.
 */
public final class BrowserCookies {
    public static final String SESSION = "cell_session";
    public static final String BROWSER = "cell_browser";

    private final boolean secure;
    private final RandomValues random;
    private final Csrf csrf;

    public BrowserCookies(boolean secure, RandomValues random, Csrf csrf) {
        this.secure = secure;
        this.random = random;
        this.csrf = csrf;
    }

    public String session(Context ctx) {
        return ctx.cookie(SESSION);
    }

    public void setSession(Context ctx, String value, Duration maxAge) {
        set(ctx, SESSION, value, maxAge.toSeconds());
    }

    public void clearSession(Context ctx) {
        set(ctx, SESSION, "", 0);
    }

    /** The browser id, created when the browser has none yet. */
    public String browser(Context ctx) {
        String id = ctx.cookie(BROWSER);
        if (id == null || id.length() < 20 || id.length() > 64) {
            id = random.token();
            set(ctx, BROWSER, id, -1);
        }
        return id;
    }

    /** The binding stored with pending requests: a hash, so the database never holds the cookie value. */
    public static String binding(String browserId) {
        return TokenHasher.hash("browser:" + browserId);
    }

    /** The CSRF tokens of this browser's forms. */
    public Csrf csrf() {
        return csrf;
    }

    private void set(Context ctx, String name, String value, long maxAgeSeconds) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) {
            c.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (secure) {
            c.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", c.toString());
    }
}
