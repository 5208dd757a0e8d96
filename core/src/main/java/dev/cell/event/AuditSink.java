package dev.cell.event;

/** Where audit events go (RFC 9700 §4.13, §4.14): the server writes them as JSON lines; tests may collect them. */
@FunctionalInterface
public interface AuditSink {
    /** A sink that drops every event, for code paths no person drives (demo data, test fixtures). */
    AuditSink NONE = event -> { };

    void record(AuditEvent event);
}
