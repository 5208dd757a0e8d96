package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.config.Durations;
import dev.cell.error.OAuthException;
import dev.cell.grant.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    private <T> T withTokens(Function<RegistrationTokens, T> action) {
        try (Backend backend = Backend.of(parent.root, parent.server)) {
            return action.apply(backend.registrationTokens());
        }
    }

    /** The token's fields; {@code uses_left} null means any number of registrations. */
    static void print(JsonNode t) {
        System.out.println("id:          " + t.path("id").asText());
        System.out.println("scope:       " + (t.path("scope").isTextual() ? t.get("scope").asText() : "(any)"));
        System.out.println("uses:        " + uses(t));
        System.out.println("created_at:  " + t.path("created_at").asText());
        System.out.println("expires_at:  " + t.path("expires_at").asText());
    }

    private static String uses(JsonNode t) {
        return t.path("multiple_use").asBoolean() ? "multiple" : t.path("uses_left").asText() + " left";
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
            boolean json = parent.parent.output.json();
            Duration lifetime = expiresIn == null ? null : Durations.parse(expiresIn);
            Integer count = uses == null ? Integer.valueOf(1) : uses.multiple ? null : uses.count;
            Set<String> scope;
            try {
                scope = Scopes.parse(String.join(" ", scopes));
            } catch (OAuthException e) {
                throw new IllegalArgumentException("--scope: " + e.description());
            }
            JsonNode issued = parent.withTokens(t -> t.issue(scope, lifetime, count));
            if (json) {
                Printer.json(issued);
                return;
            }
            String value = issued.path("token").asText();
            print(issued);
            System.out.println("token:       " + value);
            System.out.println();
            System.out.println("The token is shown only this once; Cell stores only its SHA-256. Register with it:");
            System.out.println("  curl -H 'Authorization: Bearer " + value + "' -H 'Content-Type: application/json' \\");
            System.out.println("       -d '{\"client_name\":\"My app\",\"grant_types\":[\"client_credentials\"]}' <issuer>/oauth/register");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List unexpired initial access tokens (never their values).")
    static final class ListTokens implements Runnable {
        @ParentCommand
        RegistrationTokenCommand parent;

        @Override
        public void run() {
            boolean json = parent.parent.output.json();
            List<JsonNode> tokens = parent.withTokens(RegistrationTokens::list);
            if (json) {
                Printer.json(tokens);
                return;
            }
            Table table = new Table("ID", "USES", "EXPIRES_AT", "SCOPE");
            for (JsonNode t : tokens) {
                table.row(Printer.text(t.get("id")), uses(t), Printer.text(t.get("expires_at")),
                        t.path("scope").isTextual() ? t.get("scope").asText() : "(any)");
            }
            table.print(System.out);
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
            parent.withTokens(t -> {
                t.revoke(id);
                return null;
            });
            System.out.println("revoked registration token " + id);
        }
    }
}
