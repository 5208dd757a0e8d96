package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@link Clients} through the admin API's {@code /clients} of a running server. */
final class RemoteClients implements Clients {
    private final AdminClient api;

    RemoteClients(AdminClient api) {
        this.api = api;
    }

    @Override
    public List<JsonNode> list() {
        return api.list("/clients", Map.of(), Integer.MAX_VALUE);
    }

    @Override
    public JsonNode show(String clientId) {
        return named(clientId, () -> api.get(path(clientId)));
    }

    @Override
    public JsonNode create(String clientId, ObjectNode metadata) {
        ObjectNode body = metadata.deepCopy();
        if (clientId != null) {
            body.put("client_id", clientId);
        }
        return api.call("POST", "/clients", body, null).body();
    }

    /** A JSON merge patch (RFC 7396) sent with the ETag just read: a change made meanwhile gets 412. */
    @Override
    public JsonNode update(String clientId, ObjectNode changes) {
        AdminClient.Answer current = named(clientId, () -> api.read(path(clientId)));
        return api.call("PATCH", path(clientId), changes, current.etag()).body();
    }

    @Override
    public JsonNode rotateSecret(String clientId, Duration gracePeriod) {
        Object body = gracePeriod == null ? null : Map.of("grace_period", gracePeriod.toSeconds());
        return named(clientId, () -> api.call("POST", path(clientId) + "/secret", body, null).body());
    }

    @Override
    public void delete(String clientId) {
        named(clientId, () -> api.call("DELETE", path(clientId), null, null));
    }

    private static String path(String clientId) {
        return "/clients/" + AdminClient.segment(clientId);
    }

    /** The step's result; the API's 404 becomes the same "no client" both ways give. */
    private static <T> T named(String clientId, Supplier<T> step) {
        try {
            return step.get();
        } catch (CommandFailure f) {
            if (f.exitCode() == CommandFailure.REFUSED && f.getMessage().equals("no such client")) {
                throw Clients.noClient(clientId);
            }
            throw f;
        }
    }
}
