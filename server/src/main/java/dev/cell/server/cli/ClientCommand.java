package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.client.ApplicationType;
import dev.cell.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell client ...}: register and manage clients (RFC 6749 §2; metadata of RFC 7591 §2), on the database or through a server. */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Register and manage clients.",
        subcommands = {ClientCommand.Create.class, ClientCommand.ListClients.class, ClientCommand.Show.class,
            ClientCommand.Delete.class, ClientCommand.RotateSecret.class, ClientCommand.Update.class, RegistrationTokenCommand.class})
final class ClientCommand implements Runnable {
    static final String PKCE_REQUIRED = "required";
    static final String PKCE_OPTIONAL = "optional";
    static final String PKCE_HELP = "required, or optional to let a confidential client leave out code_challenge, as OpenID Connect "
            + "relying parties protecting the code with nonce do (OAuth 2.1 section 7.5.1); public clients always need PKCE.";
    static final String REQUIRE_PAR_HELP = "Its authorization requests must be pushed to /oauth/par first "
            + "(require_pushed_authorization_requests, RFC 9126 section 6).";
    static final String REQUIRE_SIGNED_HELP = "Its authorization requests must be signed request objects, verified with its "
            + "private_key_jwt keys (require_signed_request_object, RFC 9101 section 10.5).";
    static final String SESSION_REQUIRED_HELP = "Its logout tokens must carry sid (backchannel_logout_session_required, OpenID Connect "
            + "Back-Channel Logout 1.0 section 2.2; Cell's always do when the session is known).";
    static final String DPOP_HELP = "Refuse its token requests that carry no DPoP proof, so all its tokens are DPoP-bound (RFC 9449 section 5.2).";
    static final String METADATA_HELP = "Other metadata as a JSON object of RFC 7591 section 2 members (client_uri, logo_uri, "
            + "policy_uri, tos_uri, contacts, software_id, ...) or Cell's (access_token_lifetime, authorities, ...), e.g. "
            + "'{\"logo_uri\":\"https://app.example/logo.png\"}'; the options above win over it.";

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

    <T> T with(boolean demoMasterKey, Function<Clients, T> action) {
        try (Backend backend = Backend.of(root, server)) {
            return action.apply(backend.clients(demoMasterKey));
        }
    }

    /** One client: its JSON for {@code -o json}, else its fields and, when one was just made, its secret. */
    void print(JsonNode c) {
        if (output.json()) {
            Printer.json(c);
            return;
        }
        line("client_id", text(c, "client_id"));
        line("client_name", text(c, "client_name"));
        line("token_endpoint_auth_method", text(c, "token_endpoint_auth_method"));
        line("grant_types", text(c, "grant_types"));
        line("scope", text(c, "scope"));
        line("redirect_uris", text(c, "redirect_uris"));
        line("post_logout_redirect_uris", text(c, "post_logout_redirect_uris"));
        line("audience", text(c, "audience"));
        line("application_type", text(c, "application_type"));
        line("access_token_format", text(c, "access_token_format"));
        line("first_party", text(c, "first_party"));
        line("legacy_token_claims", text(c, "legacy_token_claims"));
        line("dpop_bound_access_tokens", text(c, "dpop_bound_access_tokens"));
        if (!text(c, "token_exchange_subjects").isEmpty()) {
            line("token_exchange_subjects", text(c, "token_exchange_subjects"));
        }
        line("pkce", c.path("pkce_required").asBoolean(true) ? PKCE_REQUIRED : PKCE_OPTIONAL);
        for (String flag : List.of("require_pushed_authorization_requests", "require_signed_request_object",
                "backchannel_logout_session_required")) {
            if (c.path(flag).asBoolean()) {
                System.out.println(flag + ": true");
            }
        }
        for (String optional : List.of("client_uri", "logo_uri", "policy_uri", "tos_uri", "backchannel_logout_uri", "contacts", "jwks_uri", "software_id",
                "software_version", "access_token_lifetime", "refresh_token_lifetime", "id_token_lifetime", "authorities",
                "previous_secret_expires_at")) {
            if (c.hasNonNull(optional) && !text(c, optional).isEmpty()) {
                line(optional, text(c, optional));
            }
        }
        if (c.hasNonNull("jwks")) {
            List<String> kids = new ArrayList<>();
            c.get("jwks").path("keys").forEach(k -> kids.add(k.path("kid").asText("(no kid)")));
            line("jwks (key ids)", String.join(" ", kids));
        }
        line("created_at", text(c, "created_at"));
        line("updated_at", text(c, "updated_at"));
        if (c.hasNonNull("client_secret")) {
            line("client_secret", c.get("client_secret").asText());
            System.out.println();
            System.out.println("client_secret_jwt".equals(text(c, "token_endpoint_auth_method"))
                    ? "The secret is shown only this once; Cell stores it sealed under the master key (client_secret_jwt needs the secret itself)."
                    : "The secret is shown only this once; Cell stores only its SHA-256.");
        }
    }

    private static String text(JsonNode c, String member) {
        return Printer.text(c.get(member));
    }

    private static void line(String name, String value) {
        System.out.println(String.format("%-28s", name + ":") + value);
    }

    /** Sets a boolean member when the option was given (not null). */
    static void flag(ObjectNode m, String member, Boolean value) {
        if (value != null) {
            m.put(member, value);
        }
    }

    /** Reads --pkce: required or optional. */
    static boolean pkceRequired(String value) {
        return switch (value) {
            case PKCE_REQUIRED -> true;
            case PKCE_OPTIONAL -> false;
            default -> throw new IllegalArgumentException("--pkce must be required or optional");
        };
    }

    /** Infers native from a private-use scheme redirect URI (RFC 8252 section 7.1), else web. */
    static ApplicationType inferredApplicationType(List<String> redirectUris) {
        boolean privateUse = redirectUris.stream().anyMatch(u -> !u.regionMatches(true, 0, "https:", 0, 6)
                && !u.regionMatches(true, 0, "http:", 0, 5));
        return privateUse ? ApplicationType.NATIVE : ApplicationType.WEB;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a client; a generated secret is printed once.")
    static final class Create implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Option(names = "--id", description = "The client_id (default: generated).")
        String id;

        @Mixin
        ClientMetadataOptions options;

        @Option(names = "--first-party", description = "Trusted first-party client: skips the consent page.")
        boolean firstParty;

        @Option(names = "--legacy-token-claims",
                description = "Also put Spring Security OAuth's user_name and authorities claims in its tokens (for resource servers written against it).")
        boolean legacyTokenClaims;

        @Option(names = "--dpop-bound-access-tokens", description = DPOP_HELP)
        boolean dpopBoundAccessTokens;

        @Option(names = "--require-par", description = REQUIRE_PAR_HELP)
        boolean requirePar;

        @Option(names = "--require-signed-request-object", description = REQUIRE_SIGNED_HELP)
        boolean requireSigned;

        @Option(names = "--backchannel-logout-session-required", description = SESSION_REQUIRED_HELP)
        boolean sessionRequired;

        @Option(names = "--demo", description = "client_secret_jwt: seal the secret with the demo master key kept in ./data (on the database only).")
        boolean demo;

        @Override
        public void run() {
            parent.output.json();
            if (options.name == null && (options.metadata == null || !options.members().hasNonNull("client_name"))) {
                throw new IllegalArgumentException("give the client a name: --name");
            }
            ObjectNode m = options.members();
            if (!m.has("grant_types")) {
                m.putArray("grant_types").add("client_credentials");
            }
            if (!m.has("application_type")) {
                List<String> uris = options.redirectUris == null ? List.of() : options.redirectUris;
                m.put("application_type", inferredApplicationType(uris).value());
            }
            flag(m, "first_party", firstParty ? Boolean.TRUE : null);
            flag(m, "legacy_token_claims", legacyTokenClaims ? Boolean.TRUE : null);
            flag(m, "dpop_bound_access_tokens", dpopBoundAccessTokens ? Boolean.TRUE : null);
            flag(m, "require_pushed_authorization_requests", requirePar ? Boolean.TRUE : null);
            flag(m, "require_signed_request_object", requireSigned ? Boolean.TRUE : null);
            flag(m, "backchannel_logout_session_required", sessionRequired ? Boolean.TRUE : null);
            parent.print(parent.with(demo, c -> c.create(id, m)));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a registered client's metadata: only the members given change (a list given replaces the old one).")
    static final class Update implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Mixin
        ClientMetadataOptions options;

        @Option(names = "--first-party", arity = "1", paramLabel = "true|false", description = "Trusted first-party client: skips the consent page.")
        Boolean firstParty;

        @Option(names = "--legacy-token-claims", arity = "1", paramLabel = "true|false",
                description = "Spring Security OAuth's user_name and authorities claims in its tokens.")
        Boolean legacyTokenClaims;

        @Option(names = "--dpop-bound-access-tokens", arity = "1", paramLabel = "true|false", description = DPOP_HELP)
        Boolean dpopBoundAccessTokens;

        @Option(names = "--require-par", arity = "1", paramLabel = "true|false", description = REQUIRE_PAR_HELP)
        Boolean requirePar;

        @Option(names = "--require-signed-request-object", arity = "1", paramLabel = "true|false", description = REQUIRE_SIGNED_HELP)
        Boolean requireSigned;

        @Option(names = "--backchannel-logout-session-required", arity = "1", paramLabel = "true|false", description = SESSION_REQUIRED_HELP)
        Boolean sessionRequired;

        @Option(names = "--demo", description = "client_secret_jwt: seal a new secret with the demo master key kept in ./data (on the database only).")
        boolean demo;

        @Override
        public void run() {
            parent.output.json();
            ObjectNode m = options.members();
            flag(m, "first_party", firstParty);
            flag(m, "legacy_token_claims", legacyTokenClaims);
            flag(m, "dpop_bound_access_tokens", dpopBoundAccessTokens);
            flag(m, "require_pushed_authorization_requests", requirePar);
            flag(m, "require_signed_request_object", requireSigned);
            flag(m, "backchannel_logout_session_required", sessionRequired);
            if (m.isEmpty()) {
                throw new IllegalArgumentException("give at least one change (see --help), e.g. --name, --redirect-uri, --pkce, --require-par or --metadata");
            }
            parent.print(parent.with(demo, c -> c.update(clientId, m)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered clients, one per line in aligned columns.")
    static final class ListClients implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Override
        public void run() {
            boolean json = parent.output.json();
            List<JsonNode> clients = parent.with(false, Clients::list);
            if (json) {
                Printer.json(clients);
                return;
            }
            Table table = new Table("CLIENT_ID", "AUTH_METHOD", "GRANT_TYPES", "NAME");
            for (JsonNode c : clients) {
                table.row(text(c, "client_id"), text(c, "token_endpoint_auth_method"), text(c, "grant_types").replace(' ', ','),
                        text(c, "client_name"));
            }
            table.print(System.out);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one client (never its secret).")
    static final class Show implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public void run() {
            parent.output.json();
            parent.print(parent.with(false, c -> c.show(clientId)));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a client.")
    static final class Delete implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public void run() {
            parent.with(false, c -> {
                c.delete(clientId);
                return null;
            });
            System.out.println("deleted client " + clientId);
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Replace a client's secret; the old one stops working at once on every node, or after --grace-period.")
    static final class RotateSecret implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Option(names = "--grace-period", paramLabel = "DURATION",
                description = "Let the old secret keep working this long (e.g. 1h, 7d; at most 30d), so callers can switch over.")
        String gracePeriod;

        @Option(names = "--demo", description = "client_secret_jwt: seal the secret with the demo master key kept in ./data (on the database only).")
        boolean demo;

        @Override
        public void run() {
            boolean json = parent.output.json();
            Duration grace = gracePeriod == null ? null : Durations.parse(gracePeriod);
            JsonNode rotated = parent.with(demo, c -> c.rotateSecret(clientId, grace));
            if (json) {
                Printer.json(rotated);
                return;
            }
            line("client_id", text(rotated, "client_id"));
            if (rotated.hasNonNull("previous_secret_expires_at")) {
                System.out.println("previous secret valid until: " + text(rotated, "previous_secret_expires_at"));
            }
            line("client_secret", text(rotated, "client_secret"));
            System.out.println();
            System.out.println("client_secret_jwt".equals(text(rotated, "token_endpoint_auth_method"))
                    ? "The secret is shown only this once; Cell stores it sealed under the master key (client_secret_jwt needs the secret itself)."
                    : "The secret is shown only this once; Cell stores only its SHA-256.");
        }
    }
}
