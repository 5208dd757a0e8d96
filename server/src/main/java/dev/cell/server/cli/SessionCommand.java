package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cell user sessions ...}: a user's login sessions (device, address, sign-in time, last use, the clients signed in
 * through each); ending one signs the user out on every node and ends the grants issued through it (OIDC RP-Initiated
 * Logout 1.0 §2 reach).
 */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List and end a user's login sessions.",
        subcommands = {SessionCommand.ListSessions.class, SessionCommand.End.class})
final class SessionCommand implements Runnable {
    @ParentCommand
    UserCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a user's unexpired login sessions: id, device, address, sign-in time, last use, clients signed in through it.")
    static final class ListSessions implements Runnable {
        @ParentCommand
        SessionCommand parent;

        @Parameters(paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Override
        public void run() {
            boolean json = parent.parent.output.json();
            List<JsonNode> sessions = parent.parent.with(u -> u.sessions(user));
            if (json) {
                Printer.json(sessions);
                return;
            }
            Table table = new Table("ID", "DEVICE", "IP", "AUTH_TIME", "LAST_SEEN_AT", "CLIENTS");
            for (JsonNode s : sessions) {
                table.row(Printer.text(s.get("id")), Printer.text(s.get("device")), Printer.text(s.get("ip")), Printer.text(s.get("auth_time")),
                        Printer.text(s.get("last_seen_at")), Printer.text(s.get("clients")));
            }
            table.print(System.out);
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true, description = "End one login session (or all with --all) and the grants issued "
            + "through it: the user signs in again, refresh tokens are refused and access tokens inactive at once, on every node.")
    static final class End implements Runnable {
        @ParentCommand
        SessionCommand parent;

        @Parameters(index = "0", paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Parameters(index = "1", paramLabel = "SESSION_ID", arity = "0..1", description = "The session's id, as `cell user sessions list` shows it.")
        String sessionId;

        @Option(names = "--all", description = "End every session of the user and every grant the user gave.")
        boolean all;

        @Override
        public void run() {
            if (all == (sessionId != null)) {
                throw CommandFailure.badInput("give either a SESSION_ID or --all");
            }
            if (all) {
                parent.parent.run(u -> u.endAllSessions(user));
                System.out.println("ended every session and grant of " + user);
                return;
            }
            parent.parent.run(u -> u.endSession(user, sessionId));
            System.out.println("ended session " + sessionId + " of " + user);
        }
    }
}
