package dev.cell.server.http;

import dev.cell.client.BasicCredentials;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** A form POST as the token-style endpoints take it (RFC 6749 §3.2): checked content type, size and encoding. */
public record FormRequest(Map<String, String> parameters, BasicCredentials basic) {

    public static FormRequest read(Context ctx, int maxBytes) {
        Map<String, String> params = readBody(ctx, maxBytes);
        String authorization = ctx.header("Authorization");
        BasicCredentials basic = authorization == null ? null : BasicCredentials.parse(authorization);
        return new FormRequest(params, basic);
    }

    /** The form parameters of a POST body, checked for type, size, encoding and repeated names. */
    public static Map<String, String> readBody(Context ctx, int maxBytes) {
        String type = ctx.header("Content-Type");
        if (type == null || !isForm(type)) {
            throw OAuthException.invalidRequest("the request must be application/x-www-form-urlencoded");
        }
        long length = ctx.contentLength();
        if (length > maxBytes) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body is too large", 413);
        }
        byte[] body = body(ctx, length >= 0 ? (int) length : maxBytes + 1);
        if (body.length > maxBytes) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "the request body is too large", 413);
        }
        return FormParser.parse(body);
    }

    /**
     * The body as it arrived, at most {@code limit} bytes (its declared length, or one byte over the maximum when it comes
     * chunked), read straight from the request: Javalin's copy goes through a fresh 8 KB buffer per request. A client that
     * stops sending, or hangs up, gets a 4xx rather than a 500 and an error log, which a slow client could otherwise fill
     * at will.
     */
    private static byte[] body(Context ctx, int limit) {
        try {
            return ctx.req().getInputStream().readNBytes(limit);
        } catch (IOException | UncheckedIOException e) {
            boolean timedOut = e.getCause() instanceof TimeoutException;
            throw new OAuthException(OAuthError.INVALID_REQUEST, timedOut ? "the request body did not arrive in time"
                    : "the request body could not be read", timedOut ? 408 : 400);
        }
    }

    private static boolean isForm(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/x-www-form-urlencoded")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw OAuthException.invalidRequest("only the UTF-8 charset is accepted");
            }
        }
        return true;
    }
}
