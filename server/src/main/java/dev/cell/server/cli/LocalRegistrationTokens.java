package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.server.admin.api.Representations;
import dev.cell.token.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link RegistrationTokens} on the database; issuing and revoking go to the audit log. */
final class LocalRegistrationTokens implements RegistrationTokens {
    /** As many as the admin API lists. */
    private static final int MAX_LISTED = 1000;

    private final InitialAccessTokens tokens;
    private final Duration defaultLifetime;

    LocalRegistrationTokens(InitialAccessTokens tokens, Duration defaultLifetime) {
        this.tokens = tokens;
        this.defaultLifetime = defaultLifetime;
    }

    @Override
    public List<JsonNode> list() {
        return tokens.list(MAX_LISTED).stream()
                .map(t -> (JsonNode) Json.MAPPER.valueToTree(Representations.registrationToken(t))).toList();
    }

    @Override
    public JsonNode issue(Set<String> scopes, Duration lifetime, Integer uses) {
        InitialAccessTokens.Issued issued = tokens.issue(scopes, lifetime == null ? defaultLifetime : lifetime, uses, Cli.actor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.value());
        body.putAll(Representations.registrationToken(issued.token()));
        return Json.MAPPER.valueToTree(body);
    }

    @Override
    public void revoke(String id) {
        if (!tokens.revoke(id, Cli.actor())) {
            throw RegistrationTokens.noToken(id);
        }
    }
}
