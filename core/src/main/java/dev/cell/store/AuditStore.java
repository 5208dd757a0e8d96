package dev.cell.store;

import dev.cell.event.AuditRecord;
import java.time.Instant;
import java.util.List;

/** The audit trail in the database (RFC 9700 §4.13, §4.14), kept for a configured retention. */
public interface AuditStore {
    /** Inserts the records in one batch. */
    void append(List<AuditRecord> records);

    /** At most {@code query.limit()} records, newest first. */
    List<AuditRecord> query(AuditQuery query);

    /** Deletes at most {@code limit} records older than {@code before}; returns how many. */
    int deleteBefore(Instant before, int limit);
}
