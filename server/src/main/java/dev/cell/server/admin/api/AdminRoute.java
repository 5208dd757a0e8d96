package dev.cell.server.admin.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * One operation of the admin API: method, path under {@link AdminApi#BASE} (OpenAPI's {@code {name}} parameters, which
 * Javalin reads alike), the access it needs, and its action.
 */
public record AdminRoute(HandlerType method, String path, AdminAccess access, Action action) {
    /** The work of one request, by the client the guard admitted (null on a public route). */
    @FunctionalInterface
    public interface Action {
        void handle(Context ctx, String clientId) throws Exception;
    }
}
