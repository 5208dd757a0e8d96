package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.config.Durations;
import dev.cell.error.OAuthException;
import dev.cell.grant.Scopes;
import dev.cell.jdbc.Database;
import dev.cell.registration.InitialAccessToken;
import dev.cell.registration.InitialAccessTokens;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell client registration-token ...}: initial access tokens for dynamic client registration (RFC 7591 section 3). */
@Command(name = "registration-token", mixinStandardHelpOptions = true,
        description = "Issue, list and revoke initial access tokens for client registration at /oauth/register.",
        subcommands = {RegistrationTokenCommand.Create.class, RegistrationTokenCommand.ListTokens.class, RegistrationTokenCommand.Revoke.class})
final class RegistrationTokenCommand implements Runnable {
    @ParentCommand
    ClientCommand parent;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    private <T> T withTokens(Function<InitialAccessTokens, T> action) {
        parent.databaseOnly();
        CellConfig config = Cli.config(parent.root);
        try (Database db = Cli.open(config)) {
            Clock clock = Clock.systemUTC();
            return action.apply(new InitialAccessTokens(db.stores().initialAccessTokens(), new RandomValues(Cli.random(), clock), clock,
                    Cli.audit()));
        }
    }

    private Duration defaultLifetime() {
        return Cli.config(parent.root).registration().initialAccessTokenLifetime();
    }

    static void print(InitialAccessToken t) {
        System.out.println("id:          " + t.id());
        System.out.println("scope:       " + (t.scopes().isEmpty() ? "(any)" : String.join(" ", new TreeSet<>(t.scopes()))));
        System.out.println("uses:        " + (t.multipleUse() ? "multiple" : t.usesLeft() + " left"));
        System.out.println("created_at:  " + t.createdAt());
        System.out.println("expires_at:  " + t.expiresAt());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Issue an initial access token; its value is printed once.")
    static final class Create implements Runnable {
        @ParentCommand
        RegistrationTokenCommand parent;

        @Option(names = "--expires-in", description = "Lifetime, e.g. 1h or 7d (default: registration.initial-access-token.lifetime).")
        String expiresIn;

        @ArgGroup(exclusive = true)
        Uses uses;

        @Option(names = "--scope", split = "[, ]", description = "A scope clients registered with the token may have, repeatable; "
                + "they may have no other. Default: no such limit.")
        List<String> scopes = new ArrayList<>();

        static final class Uses {
            @Option(names = "--uses", description = "Registrations the token allows (default: 1).")
            Integer count;

            @Option(names = "--multiple", description = "Any number of registrations until the token expires.")
            boolean multiple;
        }

        @Override
        public void run() {
            Duration lifetime = expiresIn == null ? parent.defaultLifetime() : Durations.parse(expiresIn);
            Integer count = uses == null ? Integer.valueOf(1) : uses.multiple ? null : uses.count;
            Set<String> scope;
            try {
                scope = Scopes.parse(String.join(" ", scopes));
            } catch (OAuthException e) {
                throw new IllegalArgumentException("--scope: " + e.description());
            }
            InitialAccessTokens.Issued issued = parent.withTokens(t -> t.issue(scope, lifetime, count, Cli.actor()));
            print(issued.token());
            System.out.println("token:       " + issued.value());
            System.out.println();
            System.out.println("The token is shown only this once; Cell stores only its SHA-256. Register with it:");
            System.out.println("  curl -H 'Authorization: Bearer " + issued.value() + "' -H 'Content-Type: application/json' \\");
            System.out.println("       -d '{\"client_name\":\"My app\",\"grant_types\":[\"client_credentials\"]}' <issuer>/oauth/register");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List unexpired initial access tokens (never their values).")
    static final class ListTokens implements Runnable {
        @ParentCommand
        RegistrationTokenCommand parent;

        @Override
        public void run() {
            System.out.printf("%-24s  %-10s  %-24s  %s%n", "ID", "USES", "EXPIRES_AT", "SCOPE");
            for (InitialAccessToken t : parent.withTokens(t -> t.list(1000))) {
                System.out.printf("%-24s  %-10s  %-24s  %s%n", t.id(), t.multipleUse() ? "multiple" : t.usesLeft() + " left", t.expiresAt(),
                        t.scopes().isEmpty() ? "(any)" : String.join(" ", new TreeSet<>(t.scopes())));
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an initial access token at once.")
    static final class Revoke implements Runnable {
        @ParentCommand
        RegistrationTokenCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public void run() {
            if (!parent.withTokens(t -> t.revoke(id, Cli.actor()))) {
                throw CommandFailure.notFound("no registration token '" + id + "'");
            }
            System.out.println("revoked registration token " + id);
        }
    }
}
