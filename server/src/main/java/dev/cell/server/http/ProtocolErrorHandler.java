package dev.cell.server.http;

import dev.cell.error.OAuthError;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Cell's routes (a malformed request line, an ambiguous or illegal path,
 * headers over the limit): the RFC 6749 §5.2 JSON error with the security headers, instead of Jetty's HTML page.
 */
final class ProtocolErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.write(true, ByteBuffer.wrap(fill(response.getHeaders(), code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        return ByteBuffer.wrap(fill(fields, status));
    }

    /** Sets the header fields of the error response and returns its body. */
    private static byte[] fill(HttpFields.Mutable fields, int status) {
        byte[] body = ErrorResponder.body(status >= 500 ? OAuthError.SERVER_ERROR : OAuthError.INVALID_REQUEST,
                ErrorResponder.describe(status));
        fields.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        SecurityHeaders.FIELDS.forEach(f -> fields.put(f.getKey(), f.getValue()));
        return body;
    }
}
