package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cell audit ...}: the audit trail kept in the database (RFC 9700 §4.13), on the database or through a server. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Query the audit trail kept in the database.",
        subcommands = {AuditCommand.Query.class})
final class AuditCommand implements Runnable {
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");
    /** The most events one query prints. */
    static final int MAX_LIMIT = 100_000;

    @ParentCommand
    CellCommand root;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOption output;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** An RFC 3339 date-time ({@code 2026-12-05T10:00:00Z}) or a time ago ({@code 30m}, {@code 2h}, {@code 7d}), or null. */
    static Instant time(String option, String value, Instant now) {
        if (value == null) {
            return null;
        }
        Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw CommandFailure.badInput(option + " must be an RFC 3339 date-time such as 2026-12-05T10:00:00Z, or a time ago such as 30m, 2h or 7d");
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Audit events, newest first: by time, event, client and user. Events of a running server reach the database "
                    + "within a second.")
    static final class Query implements Runnable {
        @ParentCommand
        AuditCommand parent;

        @Option(names = "--from", paramLabel = "TIME", description = "From this time on (inclusive): RFC 3339, or a time ago such as 1h or 7d.")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Before this time (exclusive): RFC 3339, or a time ago.")
        String to;

        @Option(names = "--event", paramLabel = "NAME", description = "Only this event, e.g. token.issued, login.failed, user.updated.")
        String event;

        @Option(names = "--client", paramLabel = "CLIENT_ID", description = "Only events about this client.")
        String client;

        @Option(names = "--user", paramLabel = "USER", description = "Only events about this user: its username, or its id (sub), "
                + "which also finds the events of a deleted user.")
        String user;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N events (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public void run() {
            boolean json = parent.output.json();
            if (limit < 1 || limit > MAX_LIMIT) {
                throw CommandFailure.badInput("--limit must be from 1 to " + MAX_LIMIT);
            }
            Instant now = Instant.now();
            Instant since = time("--from", from, now);
            Instant until = time("--to", to, now);
            List<JsonNode> events;
            try (Backend backend = Backend.of(parent.root, parent.server)) {
                String userId = user == null ? null : userId(backend.users(), user);
                events = backend.audit().query(new AuditTrail.Filter(since, until, event, client, userId, limit));
            }
            if (json) {
                Printer.json(events);
                return;
            }
            Table table = new Table("TIME", "EVENT", "OUTCOME", "ACTOR", "CLIENT_ID", "USER_ID", "IP", "DETAILS");
            for (JsonNode e : events) {
                StringBuilder details = new StringBuilder();
                e.path("details").fields().forEachRemaining(d -> details.append(details.isEmpty() ? "" : " ").append(d.getKey()).append('=')
                        .append(d.getValue().asText()));
                table.row(Printer.text(e.get("time")), Printer.text(e.get("event")), Printer.text(e.get("outcome")), Printer.text(e.get("actor")),
                        Printer.text(e.get("client_id")), Printer.text(e.get("user_id")), Printer.text(e.get("ip")), details.toString());
            }
            table.print(System.out);
        }

        /** The id of the user named, or the name itself: a deleted user's events keep its id. */
        private static String userId(Users users, String user) {
            try {
                return users.show(user).path("id").asText();
            } catch (CommandFailure f) {
                if (f.exitCode() == CommandFailure.REFUSED) {
                    return user;
                }
                throw f;
            }
        }
    }
}
