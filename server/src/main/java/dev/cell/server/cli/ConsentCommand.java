package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell user consents ...}: list and revoke a user's remembered consents (RFC 6749 §10.2; RFC 9700 §4.14.2). */
@Command(name = "consents", mixinStandardHelpOptions = true, description = "List and revoke a user's remembered consents.",
        subcommands = {ConsentCommand.ListConsents.class, ConsentCommand.Revoke.class})
final class ConsentCommand implements Runnable {
    @ParentCommand
    UserCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clients a user has consented to, with the scopes.")
    static final class ListConsents implements Runnable {
        @ParentCommand
        ConsentCommand parent;

        @Parameters(paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Override
        public void run() {
            boolean json = parent.parent.output.json();
            List<JsonNode> consents = parent.parent.with(u -> u.consents(user));
            if (json) {
                Printer.json(consents);
                return;
            }
            Table table = new Table("CLIENT_ID", "SCOPE", "GRANTED_AT");
            for (JsonNode c : consents) {
                table.row(Printer.text(c.get("client_id")), Printer.text(c.get("scope")), Printer.text(c.get("granted_at")));
            }
            table.print(System.out);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Forget a user's consent to a client: its next authorization request asks again, and every grant the "
                    + "user gave the client ends (refresh tokens refused, access tokens inactive).")
    static final class Revoke implements Runnable {
        @ParentCommand
        ConsentCommand parent;

        @Parameters(index = "0", paramLabel = UserCommand.USER, description = UserCommand.USER_HELP)
        String user;

        @Parameters(index = "1", paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public void run() {
            parent.parent.run(u -> u.revokeConsent(user, clientId));
            System.out.println("revoked the consent of " + user + " to " + clientId);
        }
    }
}
