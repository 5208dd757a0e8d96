package dev.cell.server.admin.api;

import dev.cell.server.http.Responses;
import dev.cell.store.DuplicateException;
import dev.cell.store.StoreUnavailableException;
import dev.cell.token.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure of an admin API request into an RFC 9457 problem detail ({@code application/problem+json}); never a stack trace. */
final class ProblemResponder {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

    private ProblemResponder() {}

    static void respond(Context ctx, Exception e) {
        write(ctx, switch (e) {
            case Problem p -> p;
            case IllegalArgumentException bad -> Problem.invalid(null, bad.getMessage());
            case DuplicateException taken -> Problem.conflict(taken.getMessage());
            case NoSuchElementException absent -> Problem.notFound(absent.getMessage());
            case ConcurrentModificationException stale -> Problem.of(412, "the resource changed since it was read; read it again");
            case StoreUnavailableException down -> {
                LOG.warn("database unavailable: {}", down.getMessage());
                yield Problem.of(503, "the service is temporarily unavailable; try again shortly");
            }
            case HttpResponseException he when he.getStatus() == 413 -> Problem.of(413, "the request body is too large");
            case HttpResponseException he when he.getStatus() < 500 -> Problem.of(he.getStatus(), "the request cannot be processed");
            default -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                yield Problem.of(500, "internal error; see the server log");
            }
        });
    }

    static void write(Context ctx, Problem p) {
        if (p.challenge() != null) {
            ctx.header("WWW-Authenticate", p.challenge());
        }
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", p.type());
            g.writeStringField("title", p.title());
            g.writeNumberField("status", p.status());
            if (p.detail() != null) {
                g.writeStringField("detail", p.detail());
            }
            if (p.member() != null) {
                g.writeStringField("member", p.member());
            }
            if (p.error() != null) {
                g.writeStringField("error", p.error());
            }
            g.writeEndObject();
        });
        Responses.noStore(ctx);
        Responses.closeIfBodyUnread(ctx, p.status());
        ctx.status(p.status()).contentType(PROBLEM_JSON);
        HttpServletResponse res = ctx.res();
        res.setContentLength(body.length);
        try {
            res.getOutputStream().write(body);
        } catch (IOException clientGone) {
            // nobody is left to tell
        }
    }
}
