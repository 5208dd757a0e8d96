package dev.cell.server.cli;

import dev.cell.account.User;
import dev.cell.config.CellConfig;
import dev.cell.consent.Consent;
import dev.cell.event.AuditEvent;
import dev.cell.jdbc.Database;
import dev.cell.store.Stores;
import java.util.TreeSet;
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

    private static User user(Stores stores, String username) {
        return stores.users().findByUsername(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clients a user has consented to, with the scopes.")
    static final class ListConsents implements Runnable {
        @ParentCommand
        ConsentCommand parent;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public void run() {
            CellConfig config = Cli.config(parent.parent.root);
            try (Database db = Cli.open(config)) {
                for (Consent c : db.stores().consents().listForUser(user(db.stores(), username).id())) {
                    System.out.println(c.clientId() + "  " + String.join(" ", new TreeSet<>(c.scopes())) + "  (" + c.grantedAt() + ")");
                }
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Forget a user's consent to a client: its next authorization request asks again. Tokens already issued "
                    + "stay valid until they expire or are revoked at /oauth/revoke.")
    static final class Revoke implements Runnable {
        @ParentCommand
        ConsentCommand parent;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Parameters(index = "1", paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public void run() {
            CellConfig config = Cli.config(parent.parent.root);
            try (Database db = Cli.open(config)) {
                User user = user(db.stores(), username);
                if (!db.stores().consents().delete(user.id(), clientId)) {
                    throw new IllegalArgumentException("user '" + username + "' has no consent for client '" + clientId + "'");
                }
                Cli.audit().record(AuditEvent.success("consent.revoked", Cli.actor(), clientId, null).with("user", user.id()));
            }
            System.out.println("revoked the consent of " + username + " to " + clientId);
        }
    }
}
