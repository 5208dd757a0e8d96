package dev.cell.server;

import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.token.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail (RFC 9700 §4.13, §4.14) as one JSON object per line on the logger {@value #LOGGER}:
 * {@code time, event, outcome, actor, client, ip} and the event's details. Events never hold secrets, so neither do lines.
 */
public final class AuditLog implements AuditSink {
    /** The logger audit lines go to; {@link LoggingSetup} gives it its own appender that writes each line as it is. */
    public static final String LOGGER = "cell.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_VALUE = 200;

    private final Clock clock;
    private final AuditSink copy;

    public AuditLog(Clock clock) {
        this(clock, AuditSink.NONE);
    }

    /** @param copy where each event also goes, e.g. the database copy the admin API queries */
    public AuditLog(Clock clock, AuditSink copy) {
        this.clock = clock;
        this.copy = copy;
    }

    @Override
    public void record(AuditEvent e) {
        LOG.info(line(e));
        copy.record(e);
    }

    private String line(AuditEvent e) {
        byte[] json = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("time", clock.instant().toString());
            g.writeStringField("event", e.event());
            g.writeStringField("outcome", e.outcome());
            g.writeStringField("actor", cap(e.actor()));
            g.writeStringField("client", cap(e.clientId()));
            g.writeStringField("ip", e.ip());
            for (Map.Entry<String, String> d : e.details().entrySet()) {
                g.writeStringField(d.getKey(), cap(d.getValue()));
            }
            g.writeEndObject();
        });
        return new String(json, StandardCharsets.UTF_8);
    }

    /** Values a request chose (a presented client id, a grant type) are cut short, so a line stays a line's length. */
    private static String cap(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "...";
    }
}
