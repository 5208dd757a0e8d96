package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource owners (RFC 6749 §1.1) and what they hold, as the admin API's {@code /users} shows them; on the database or
 * through a server. A user is named by its username or its id ({@code sub}); one that does not exist is a
 * {@link CommandFailure#notFound}.
 */
interface Users {
    /** Users whose username contains {@code query} (null: all), only disabled or only enabled ones when {@code disabled} is given. */
    List<JsonNode> list(String query, Boolean disabled);

    JsonNode show(String user);

    JsonNode create(String username, String password, Map<String, String> claims, Set<String> authorities);

    /**
     * Sets standard claims (OIDC Core §5.1) by name, {@code address.} members included (a null value removes the claim), and
     * replaces the authorities when {@code authorities} is not null.
     */
    JsonNode update(String user, Map<String, String> claims, Set<String> authorities);

    JsonNode setDisabled(String user, boolean disabled);

    void setPassword(String user, String password);

    /** Deletes the user, ending its sessions, revoking its grants and their tokens, forgetting its consents. */
    void delete(String user);

    List<JsonNode> sessions(String user);

    /** Ends one login session and the grants issued through it: the user signs in again, on every node. */
    void endSession(String user, String sessionId);

    /** Grants (RFC 6749 §1.3) with active stored tokens: refresh tokens, opaque access tokens. */
    List<JsonNode> grants(String user);

    /** Revokes every token of one grant (RFC 7009 §2.1) and deny-lists its JWT access tokens. */
    void revokeGrant(String user, String grantId);

    /** Ends every login session and every grant of the user: signed out everywhere. */
    void endAllSessions(String user);

    List<JsonNode> consents(String user);

    /** Forgets the consent and ends every grant the user gave the client. */
    void revokeConsent(String user, String clientId);

    /** The "no such user" failure both implementations give. */
    static CommandFailure noUser(String user) {
        return CommandFailure.notFound("no user '" + user + "'");
    }
}
