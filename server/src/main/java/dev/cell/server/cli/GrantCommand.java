package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell user grants ...}: what a user granted clients (RFC 6749 §1.3) that still holds tokens, and revoking it (RFC 7009 §2.1). */
@Command(name = "grants", mixinStandardHelpOptions = true, description = "List and revoke the grants a user gave clients.",
        subcommands = {GrantCommand.ListGrants.class, GrantCommand.Revoke.class})
final class GrantCommand implements Runnable {
    @ParentCommand
    UserCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a user's grants with active stored tokens (refresh tokens, opaque access tokens).")
    static final class ListGrants implements Runnable {
        @ParentCommand
        GrantCommand parent;

        @Parameters(paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Override
        public void run() {
            boolean json = parent.parent.output.json();
            List<JsonNode> grants = parent.parent.with(u -> u.grants(user));
            if (json) {
                Printer.json(grants);
                return;
            }
            Table table = new Table("ID", "CLIENT_ID", "SCOPE", "ISSUED_AT", "EXPIRES_AT");
            for (JsonNode g : grants) {
                table.row(Printer.text(g.get("id")), Printer.text(g.get("client_id")), Printer.text(g.get("scope")), Printer.text(g.get("issued_at")),
                        Printer.text(g.get("expires_at")));
            }
            table.print(System.out);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke one grant: its refresh and opaque access tokens at once, its JWT access tokens deny-listed, on every node.")
    static final class Revoke implements Runnable {
        @ParentCommand
        GrantCommand parent;

        @Parameters(index = "0", paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Parameters(index = "1", paramLabel = "GRANT_ID", description = "The grant's id, as `cell user grants list` shows it.")
        String grantId;

        @Override
        public void run() {
            parent.parent.run(u -> u.revokeGrant(user, grantId));
            System.out.println("revoked grant " + grantId + " of " + user);
        }
    }
}
