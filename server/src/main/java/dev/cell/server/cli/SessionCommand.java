package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell user sessions ...}: a user's login sessions; ending one signs the user out on every node (OIDC Session Management). */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List and end a user's login sessions.",
        subcommands = {SessionCommand.ListSessions.class, SessionCommand.End.class})
final class SessionCommand implements Runnable {
    @ParentCommand
    UserCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's unexpired login sessions.")
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
            Table table = new Table("ID", "AUTH_TIME", "AMR", "LAST_SEEN_AT", "EXPIRES_AT");
            for (JsonNode s : sessions) {
                table.row(Printer.text(s.get("id")), Printer.text(s.get("auth_time")), Printer.text(s.get("amr")), Printer.text(s.get("last_seen_at")),
                        Printer.text(s.get("expires_at")));
            }
            table.print(System.out);
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true, description = "End one login session: the user signs in again, on every node.")
    static final class End implements Runnable {
        @ParentCommand
        SessionCommand parent;

        @Parameters(index = "0", paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Parameters(index = "1", paramLabel = "SESSION_ID", description = "The session's id, as `cell user sessions list` shows it.")
        String sessionId;

        @Override
        public void run() {
            parent.parent.run(u -> u.endSession(user, sessionId));
            System.out.println("ended session " + sessionId + " of " + user);
        }
    }
}
