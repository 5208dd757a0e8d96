package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Registered clients (RFC 6749 §2) as the admin API's {@code /clients} shows them: {@code client_id}, the RFC 7591 §2
 * metadata and Cell's settings; on the database or through a server. A generated secret comes back once, as
 * {@code client_secret}.
 */
interface Clients {
    List<JsonNode> list();

    JsonNode show(String clientId);

    /** Registers a client from its metadata (RFC 7591 §2 member names); {@code clientId} null: generated. */
    JsonNode create(String clientId, ObjectNode metadata);

    /** Changes the members given, as a JSON merge patch (RFC 7396): a member set to null goes back to its default. */
    JsonNode update(String clientId, ObjectNode changes);

    /** A new secret; with a grace period (null: none) the old one keeps working that long. */
    JsonNode rotateSecret(String clientId, Duration gracePeriod);

    void delete(String clientId);

    static CommandFailure noClient(String clientId) {
        return CommandFailure.notFound("no client '" + clientId + "'");
    }
}
