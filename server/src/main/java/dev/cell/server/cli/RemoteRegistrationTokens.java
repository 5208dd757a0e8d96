package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@link RegistrationTokens} through the admin API's {@code /registration-tokens} of a running server. */
final class RemoteRegistrationTokens implements RegistrationTokens {
    private final AdminClient api;

    RemoteRegistrationTokens(AdminClient api) {
        this.api = api;
    }

    @Override
    public List<JsonNode> list() {
        List<JsonNode> out = new ArrayList<>();
        api.get("/registration-tokens").path("items").forEach(out::add);
        return out;
    }

    @Override
    public JsonNode issue(Set<String> scopes, Duration lifetime, Integer uses) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (lifetime != null) {
            body.put("expires_in", lifetime.toSeconds());
        }
        if (uses == null) {
            body.put("multiple_use", true);
        } else {
            body.put("uses", uses);
        }
        if (!scopes.isEmpty()) {
            body.put("scope", String.join(" ", new TreeSet<>(scopes)));
        }
        return api.call("POST", "/registration-tokens", body, null).body();
    }

    @Override
    public void revoke(String id) {
        try {
            api.call("DELETE", "/registration-tokens/" + AdminClient.segment(id), null, null);
        } catch (CommandFailure f) {
            throw f.exitCode() == CommandFailure.REFUSED ? RegistrationTokens.noToken(id) : f;
        }
    }
}
