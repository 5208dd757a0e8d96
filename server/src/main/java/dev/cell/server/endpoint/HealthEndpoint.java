package dev.cell.server.endpoint;

import dev.cell.server.http.Responses;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** Liveness ({@code /health/live}: the process answers) and readiness ({@code /health/ready}: the database answers). */
public final class HealthEndpoint {
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN = "{\"status\":\"DOWN\",\"database\":\"unreachable\"}".getBytes(StandardCharsets.UTF_8);
    private final BooleanSupplier databaseReachable;

    public HealthEndpoint(BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
    }

    public void live(Context ctx) {
        Responses.noStore(ctx);
        Responses.json(ctx, 200, UP);
    }

    public void ready(Context ctx) {
        Responses.noStore(ctx);
        boolean up = databaseReachable.getAsBoolean();
        Responses.json(ctx, up ? 200 : 503, up ? UP : DOWN);
    }
}
