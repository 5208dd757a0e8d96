package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Initial access tokens for client registration (RFC 7591 §3) as the admin API's {@code /registration-tokens} shows them;
 * on the database or through a server.
 */
interface RegistrationTokens {
    /** Unexpired tokens, never their values. */
    List<JsonNode> list();

    /**
     * Issues a token: its representation with its value as {@code token}, shown this once.
     *
     * @param lifetime null for the configured {@code registration.initial-access-token.lifetime}
     * @param uses null for any number of registrations until it expires
     */
    JsonNode issue(Set<String> scopes, Duration lifetime, Integer uses);

    void revoke(String id);

    static CommandFailure noToken(String id) {
        return CommandFailure.notFound("no registration token '" + id + "'");
    }
}
