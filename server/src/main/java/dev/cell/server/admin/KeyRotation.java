package dev.cell.server.admin;

import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.keys.KeyService;
import dev.cell.keys.SigningKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Rotates the signing keys (RFC 7517) for the CLI and the admin API alike, and records it in the audit trail. */
public final class KeyRotation {
    private final KeyService keys;
    private final AuditSink audit;
    private final Clock clock;

    public KeyRotation(KeyService keys, AuditSink audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The keys made, one active key per algorithm, and when the retired ones leave the JWKS.
     *
     * @param retiredUntil every node publishes the new keys within one key refresh interval and signs with them one later
     */
    public record Rotated(List<SigningKey> created, Instant retiredUntil) {}

    /** Adds a new active key per algorithm; the old ones keep verifying until every token they signed has expired. */
    public Rotated rotate(String actor) {
        List<SigningKey> created = keys.rotate();
        audit.record(AuditEvent.success("keys.rotated", actor, null, null)
                .with("kids", String.join(" ", created.stream().map(SigningKey::kid).toList())));
        return new Rotated(created, keys.retirementEnd(clock.instant()));
    }
}
