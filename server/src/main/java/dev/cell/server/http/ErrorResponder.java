package dev.cell.server.http;

import dev.cell.error.Challenge;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.StoreUnavailableException;
import dev.cell.token.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns any failure into an RFC 6749 §5.2 error response; never a stack trace to the client. */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    /** Request attribute holding the outcome, read by the metrics. */
    public static final String OUTCOME = "cell.outcome";

    private final String realm;

    public ErrorResponder(String realm) {
        this.realm = realm;
    }

    public void respond(Context ctx, Exception e) {
        switch (e) {
            case OAuthException oe -> {
                oe.headers().forEach(ctx::header);
                oe.challenges().forEach(c -> ctx.res().addHeader("WWW-Authenticate", challenge(c, oe)));
                write(ctx, oe.error(), oe.description(), oe.status());
            }
            case StoreUnavailableException su -> {
                LOG.warn("database unavailable: {}", su.getMessage());
                write(ctx, OAuthError.TEMPORARILY_UNAVAILABLE, "the service is temporarily unavailable; try again shortly", 503);
            }
            case HttpResponseException he -> write(ctx, he.getStatus() >= 500 ? OAuthError.SERVER_ERROR : OAuthError.INVALID_REQUEST,
                    describe(he.getStatus()), he.getStatus());
            default -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, OAuthError.SERVER_ERROR, "internal error; see the server log", 500);
            }
        }
    }

    /** The error description of a refusal by HTTP status, for refusals made by Javalin or Jetty rather than an endpoint. */
    static String describe(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed";
            case 413 -> "the request body is too large";
            case 414 -> "the request target is too long";
            case 431 -> "the request header fields are too large";
            default -> "the request cannot be processed";
        };
    }

    private void write(Context ctx, OAuthError error, String description, int status) {
        ctx.attribute(OUTCOME, error.code());
        Responses.closeIfBodyUnread(ctx, status);
        if (status == 401 && error == OAuthError.INVALID_CLIENT && ctx.res().getHeader("WWW-Authenticate") == null) {
            ctx.header("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        } else if (status == 401 && error == OAuthError.INVALID_TOKEN && ctx.res().getHeader("WWW-Authenticate") == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_token\"");     // RFC 6750 §3
        }
        Responses.noStoreJson(ctx, status, body(error, description));
    }

    /** One {@code WWW-Authenticate} field value (RFC 6750 §3, RFC 9449 §7.1); the description is already free of quotes. */
    private String challenge(Challenge c, OAuthException e) {
        StringBuilder h = new StringBuilder(c.scheme()).append(" realm=\"").append(realm).append('"');
        if (c.withError()) {
            h.append(", error=\"").append(e.error().code()).append('"');
            if (e.description() != null) {
                h.append(", error_description=\"").append(e.description()).append('"');
            }
        }
        if (!c.algs().isEmpty()) {
            h.append(", algs=\"").append(String.join(" ", c.algs())).append('"');
        }
        return h.toString();
    }

    /** The error object of RFC 6749 §5.2: {@code error} and, when given, {@code error_description}. */
    static byte[] body(OAuthError error, String description) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", error.code());
            if (description != null) {
                g.writeStringField("error_description", description);
            }
            g.writeEndObject();
        });
    }
}
