package dev.cell.server.http;

import dev.cell.client.BasicCredentials;
import dev.cell.error.OAuthException;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

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
            throw new OAuthException(dev.cell.error.OAuthError.INVALID_REQUEST, "the request body is too large", 413);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBytes) {
            throw new OAuthException(dev.cell.error.OAuthError.INVALID_REQUEST, "the request body is too large", 413);
        }
        return FormParser.parse(body);
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
