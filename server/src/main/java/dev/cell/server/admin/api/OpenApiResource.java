package dev.cell.server.admin.api;

import dev.cell.server.http.Responses;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code /openapi.json}: the OpenAPI 3.1 description of the admin API, a resource a test keeps equal to the routes. */
final class OpenApiResource implements AdminResource {
    static final String RESOURCE = "/dev/cell/server/admin/api/openapi.json";

    private final byte[] document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(new AdminRoute(HandlerType.GET, "/openapi.json", AdminAccess.PUBLIC, this::get));
    }

    private void get(Context ctx, String clientId) {
        Query.of(ctx, java.util.Set.of());
        Responses.json(ctx, 200, document);
    }
}
