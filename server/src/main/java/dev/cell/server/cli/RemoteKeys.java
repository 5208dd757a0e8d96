package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@link Keys} through the admin API's {@code /keys} of a running server, which seals new keys with its own master key. */
final class RemoteKeys implements Keys {
    private final AdminClient api;

    RemoteKeys(AdminClient api) {
        this.api = api;
    }

    @Override
    public List<JsonNode> list() {
        List<JsonNode> out = new ArrayList<>();
        api.get("/keys").path("items").forEach(out::add);
        return out;
    }

    @Override
    public JsonNode rotate() {
        return api.call("POST", "/keys/rotate", null, null).body();
    }
}
