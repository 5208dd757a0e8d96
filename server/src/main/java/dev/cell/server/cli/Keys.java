package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The signing keys (RFC 7517) as the admin API's {@code /keys} shows them, public parts only; on the database or through a server. */
interface Keys {
    /** Every stored key, newest first. */
    List<JsonNode> list();

    /** Adds a new active key per algorithm: {@code created} and {@code retired_keys_published_until}. */
    JsonNode rotate();
}
