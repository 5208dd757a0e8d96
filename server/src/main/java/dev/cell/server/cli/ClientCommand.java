package dev.cell.server.cli;

import dev.cell.assertion.PublicJwks;
import dev.cell.client.ApplicationType;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientMetadataValidator;
import dev.cell.config.CellConfig;
import dev.cell.config.Durations;
import dev.cell.grant.ServerGrants;
import dev.cell.jdbc.Database;
import dev.cell.server.MasterKeys;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.RandomValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell client ...}: register and manage clients (RFC 6749 §2). */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Register and manage clients.",
        subcommands = {ClientCommand.Create.class, ClientCommand.ListClients.class, ClientCommand.Show.class,
            ClientCommand.Delete.class, ClientCommand.RotateSecret.class, ClientCommand.Update.class, RegistrationTokenCommand.class})
final class ClientCommand implements Runnable {
    static final String PKCE_REQUIRED = "required";
    static final String PKCE_OPTIONAL = "optional";

    @ParentCommand
    CellCommand root;

    @Mixin
    ServerOptions server;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    <T> T withAdmin(Function<ClientAdmin, T> action) {
        return withAdmin(false, action);
    }

    /** @param demoMasterKey use the demo master key in ./data when a client_secret_jwt secret must be sealed */
    <T> T withAdmin(boolean demoMasterKey, Function<ClientAdmin, T> action) {
        databaseOnly();
        CellConfig config = Cli.config(root);
        SecureRandom random = Cli.random();
        try (Database db = Cli.open(config)) {
            return action.apply(new ClientAdmin(db.stores().clients(), new ClientMetadataValidator(ServerGrants.of(config)),
                    new RandomValues(random), Clock.systemUTC(),
                    () -> MasterKeys.resolve(config.keys(), demoMasterKey, random), Cli.audit(), Cli.actor()));
        }
    }

    /** Refuses {@code --server}: client commands work on the database until the admin API serves clients. */
    void databaseOnly() {
        if (server.connection(System.getenv()).isPresent()) {
            throw CommandFailure.badInput("client commands work on the database only until the admin API serves clients");
        }
    }

    static void print(Client c) {
        System.out.println("client_id:                  " + c.clientId());
        System.out.println("client_name:                " + c.clientName());
        System.out.println("token_endpoint_auth_method: " + c.authMethod().value());
        System.out.println("grant_types:                " + String.join(" ", c.grantTypes()));
        System.out.println("scope:                      " + String.join(" ", c.scopes()));
        System.out.println("redirect_uris:              " + String.join(" ", c.redirectUris()));
        System.out.println("post_logout_redirect_uris:  " + String.join(" ", c.postLogoutRedirectUris()));
        System.out.println("audience:                   " + String.join(" ", c.audiences()));
        System.out.println("access_token_format:        " + c.accessTokenFormat().value());
        System.out.println("first_party:                " + c.firstParty());
        System.out.println("legacy_token_claims:        " + c.legacyTokenClaims());
        System.out.println("dpop_bound_access_tokens:   " + c.dpopBoundAccessTokens());
        if (!c.tokenExchangeSubjects().isEmpty()) {
            System.out.println("token_exchange_subjects:    " + String.join(" ", new java.util.TreeSet<>(c.tokenExchangeSubjects())));
        }
        System.out.println("pkce:                       " + (c.pkceRequired() ? PKCE_REQUIRED : PKCE_OPTIONAL));
        if (c.metadata().requirePushedAuthorizationRequests()) {
            System.out.println("require_pushed_authorization_requests: true");
        }
        if (c.metadata().requireSignedRequestObject()) {
            System.out.println("require_signed_request_object: true");
        }
        if (c.jwksUri() != null) {
            System.out.println("jwks_uri:                   " + c.jwksUri());
        }
        if (c.jwks() != null) {
            System.out.println("jwks (key ids):             " + String.join(" ",
                    PublicJwks.usableKeys(c.jwks()).stream().map(k -> String.valueOf(k.getKeyID())).toList()));
        }
        System.out.println("created_at:                 " + c.createdAt());
        System.out.println("updated_at:                 " + c.updatedAt());
    }

    static void printSecret(String secret, ClientAuthMethod method) {
        System.out.println("client_secret:              " + secret);
        System.out.println();
        System.out.println(method == ClientAuthMethod.CLIENT_SECRET_JWT
                ? "The secret is shown only this once; Cell stores it sealed under the master key (client_secret_jwt needs the secret itself)."
                : "The secret is shown only this once; Cell stores only its SHA-256.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Register a client; a generated secret is printed once.")
    static final class Create implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Option(names = "--name", required = true, description = "Human-readable name shown on the consent page.")
        String name;

        @Option(names = "--id", description = "The client_id (default: generated).")
        String id;

        @Option(names = "--grant", split = ",",
                description = "Grant type, repeatable (default: client_credentials); one the server offers (see features.* in the configuration).")
        List<String> grants = new ArrayList<>();

        @Option(names = "--scope", split = "[, ]", description = "Scope the client may request, repeatable.")
        List<String> scopes = new ArrayList<>();

        @Option(names = "--redirect-uri", description = "Registered redirect URI (exact match), repeatable.")
        List<String> redirectUris = new ArrayList<>();

        @Option(names = "--post-logout-redirect-uri", description = "Registered post-logout redirect URI, repeatable.")
        List<String> postLogoutRedirectUris = new ArrayList<>();

        @Option(names = "--audience", description = "Value for the aud claim of its access tokens, repeatable (default: the client_id).")
        List<String> audiences = new ArrayList<>();

        @Option(names = "--auth-method", defaultValue = "client_secret_basic",
                description = "Client authentication: client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none "
                        + "(default: ${DEFAULT-VALUE}).")
        String authMethod;

        @Option(names = "--jwks-uri", description = "private_key_jwt: the https URL where the client publishes its public keys (JWK set).")
        String jwksUri;

        @Option(names = "--jwks", description = "private_key_jwt: a file holding the client's public keys as a JWK set.")
        Path jwksFile;

        @Option(names = "--demo", description = "client_secret_jwt: seal the secret with the demo master key kept in ./data.")
        boolean demo;

        @Option(names = "--access-token-format", defaultValue = "jwt", description = "jwt (RFC 9068) or opaque (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--first-party", description = "Trusted first-party client: skips the consent page.")
        boolean firstParty;

        @Option(names = "--pkce", defaultValue = PKCE_REQUIRED, description = PKCE_HELP + " Default: ${DEFAULT-VALUE}.")
        String pkce;

        @Option(names = "--application-type", description = "web or native (default: native when a redirect URI uses a private-use "
                + "scheme such as com.example.app:/cb, else web).")
        String applicationType;

        @Option(names = "--legacy-token-claims",
                description = "Also put Spring Security OAuth's user_name and authorities claims in its tokens (for resource servers written against it).")
        boolean legacyTokenClaims;

        @Option(names = "--dpop-bound-access-tokens",
                description = "Refuse its token requests that carry no DPoP proof, so all its tokens are DPoP-bound (RFC 9449 section 5.2).")
        boolean dpopBoundAccessTokens;

        @Option(names = "--token-exchange-subject", split = ",", description = "A Cell client id whose tokens, or a trusted JWT "
                + "issuer whose JWTs, it may exchange at the token endpoint (RFC 8693); repeat or comma-separate. Needs the grant type "
                + "urn:ietf:params:oauth:grant-type:token-exchange.")
        List<String> tokenExchangeSubjects = new ArrayList<>();

        @Option(names = "--require-par", description = REQUIRE_PAR_HELP)
        boolean requirePar;

        @Option(names = "--require-signed-request-object", description = REQUIRE_SIGNED_HELP)
        boolean requireSigned;

        @Override
        public void run() {
            ClientAuthMethod method = ClientAuthMethod.of(authMethod).orElseThrow(() -> new IllegalArgumentException(
                    "--auth-method must be client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none"));
            AccessTokenFormat tokenFormat = AccessTokenFormat.of(format)
                    .orElseThrow(() -> new IllegalArgumentException("--access-token-format must be jwt or opaque"));
            List<String> grantTypes = grants.isEmpty() ? List.of("client_credentials") : grants;
            ClientMetadata metadata = ClientMetadata.builder().clientName(name).tokenEndpointAuthMethod(method)
                    .grantTypes(new LinkedHashSet<>(grantTypes)).redirectUris(redirectUris).postLogoutRedirectUris(postLogoutRedirectUris)
                    .scopes(new LinkedHashSet<>(scopes.stream().filter(s -> !s.isBlank()).toList())).audiences(audiences)
                    .accessTokenFormat(tokenFormat).firstParty(firstParty).jwks(jwksFile == null ? null : read(jwksFile)).jwksUri(jwksUri)
                    .pkceRequired(pkceRequired(pkce)).legacyTokenClaims(legacyTokenClaims)
                    .dpopBoundAccessTokens(dpopBoundAccessTokens).tokenExchangeSubjects(new LinkedHashSet<>(tokenExchangeSubjects))
                    .requirePushedAuthorizationRequests(requirePar).requireSignedRequestObject(requireSigned)
                    .applicationType(applicationType(applicationType, redirectUris)).build();
            ClientAdmin.Created created = parent.withAdmin(demo, admin -> admin.create(id, metadata));
            print(created.client());
            if (created.secret() != null) {
                printSecret(created.secret(), created.client().authMethod());
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("--jwks: cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    static final String REQUIRE_PAR_HELP = "Its authorization requests must be pushed to /oauth/par first "
            + "(require_pushed_authorization_requests, RFC 9126 section 6).";
    static final String REQUIRE_SIGNED_HELP = "Its authorization requests must be signed request objects, verified with its "
            + "private_key_jwt keys (require_signed_request_object, RFC 9101 section 10.5).";

    static final String PKCE_HELP = "required, or optional to let a confidential client leave out code_challenge, as OpenID Connect "
            + "relying parties protecting the code with nonce do (OAuth 2.1 section 7.5.1); public clients always need PKCE.";

    /** Reads --application-type, or infers native from a private-use scheme redirect URI (RFC 8252 section 7.1). */
    static ApplicationType applicationType(String value, List<String> redirectUris) {
        if (value != null) {
            return ApplicationType.of(value).orElseThrow(() -> new IllegalArgumentException("--application-type must be web or native"));
        }
        boolean privateUse = redirectUris.stream().anyMatch(u -> !u.regionMatches(true, 0, "https:", 0, 6)
                && !u.regionMatches(true, 0, "http:", 0, 5));
        return privateUse ? ApplicationType.NATIVE : ApplicationType.WEB;
    }

    /** Reads --pkce: required or optional. */
    static boolean pkceRequired(String value) {
        return switch (value) {
            case PKCE_REQUIRED -> true;
            case PKCE_OPTIONAL -> false;
            default -> throw new IllegalArgumentException("--pkce must be required or optional");
        };
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a registered client's settings; options left out keep their value, a repeatable option replaces the list.")
    static final class Update implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Option(names = "--name", description = "Human-readable name shown on the consent page.")
        String name;

        @Option(names = "--grant", split = ",", description = "Grant type, repeatable; one the server offers.")
        List<String> grants;

        @Option(names = "--scope", split = "[, ]", description = "Scope the client may request, repeatable.")
        List<String> scopes;

        @Option(names = "--redirect-uri", description = "Registered redirect URI (exact match), repeatable.")
        List<String> redirectUris;

        @Option(names = "--post-logout-redirect-uri", description = "Registered post-logout redirect URI, repeatable.")
        List<String> postLogoutRedirectUris;

        @Option(names = "--audience", description = "Value for the aud claim of its access tokens, repeatable.")
        List<String> audiences;

        @Option(names = "--access-token-format", description = "jwt (RFC 9068) or opaque.")
        String format;

        @Option(names = "--application-type", description = "web or native.")
        String applicationType;

        @Option(names = "--first-party", arity = "1", description = "true: a trusted first-party client that skips the consent page.")
        Boolean firstParty;

        @Option(names = "--legacy-token-claims", arity = "1", description = "true: also put Spring Security OAuth's user_name and "
                + "authorities claims in its tokens.")
        Boolean legacyTokenClaims;

        @Option(names = "--pkce", description = PKCE_HELP)
        String pkce;

        @Option(names = "--require-par", arity = "1", paramLabel = "true|false", description = REQUIRE_PAR_HELP)
        Boolean requirePar;

        @Option(names = "--require-signed-request-object", arity = "1", paramLabel = "true|false", description = REQUIRE_SIGNED_HELP)
        Boolean requireSigned;

        @Option(names = "--client-uri", description = "Home page of the client, linked from the consent page.")
        String clientUri;

        @Option(names = "--logo-uri", description = "https URL of the client's logo, shown on the consent page.")
        String logoUri;

        @Option(names = "--policy-uri", description = "The client's privacy policy, linked from the consent page.")
        String policyUri;

        @Option(names = "--tos-uri", description = "The client's terms of service, linked from the consent page.")
        String tosUri;

        @Override
        public void run() {
            if (Stream.of(name, grants, scopes, redirectUris, postLogoutRedirectUris, audiences, format, applicationType, firstParty,
                    legacyTokenClaims, pkce, requirePar, requireSigned, clientUri, logoUri, policyUri, tosUri).allMatch(Objects::isNull)) {
                throw new IllegalArgumentException("give at least one setting to change, e.g. --name, --redirect-uri, --scope, --pkce, "
                        + "--require-par, --require-signed-request-object (see --help)");
            }
            Boolean pkceRequired = pkce == null ? null : pkceRequired(pkce);
            AccessTokenFormat tokenFormat = format == null ? null : AccessTokenFormat.of(format)
                    .orElseThrow(() -> new IllegalArgumentException("--access-token-format must be jwt or opaque"));
            ApplicationType type = applicationType == null ? null : applicationType(applicationType, List.of());
            Consumer<ClientMetadata.Builder> change = m -> {
                set(name, m::clientName);
                set(grants == null ? null : new LinkedHashSet<>(grants), m::grantTypes);
                set(scopes == null ? null : new LinkedHashSet<>(scopes.stream().filter(s -> !s.isBlank()).toList()), m::scopes);
                set(redirectUris, m::redirectUris);
                set(postLogoutRedirectUris, m::postLogoutRedirectUris);
                set(audiences, m::audiences);
                set(tokenFormat, m::accessTokenFormat);
                set(type, m::applicationType);
                set(firstParty, m::firstParty);
                set(legacyTokenClaims, m::legacyTokenClaims);
                set(pkceRequired, m::pkceRequired);
                set(clientUri, m::clientUri);
                set(logoUri, m::logoUri);
                set(policyUri, m::policyUri);
                set(tosUri, m::tosUri);
                set(requirePar, m::requirePushedAuthorizationRequests);
                set(requireSigned, m::requireSignedRequestObject);
            };
            ClientAdmin.Created updated = parent.withAdmin(a -> a.update(found(a, clientId).clientId(), change));
            print(updated.client());
            if (updated.secret() != null) {
                printSecret(updated.secret(), updated.client().authMethod());
            }
        }

        private static <T> void set(T value, Consumer<T> setter) {
            if (value != null) {
                setter.accept(value);
            }
        }
    }

    static Client found(ClientAdmin admin, String clientId) {
        return admin.find(clientId).orElseThrow(() -> noClient(clientId));
    }

    static CommandFailure noClient(String clientId) {
        return CommandFailure.notFound("no client '" + clientId + "'");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered clients, one per line in aligned columns.")
    static final class ListClients implements Runnable {
        @ParentCommand
        ClientCommand parent;

        @Override
        public void run() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("CLIENT_ID", "AUTH_METHOD", "GRANT_TYPES", "NAME"));
            for (Client c : parent.withAdmin(ClientAdmin::list)) {
                rows.add(List.of(c.clientId(), c.authMethod().value(), String.join(",", c.grantTypes()), c.clientName()));
            }
            int[] widths = new int[3];
            for (List<String> row : rows) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            for (List<String> row : rows) {
                System.out.printf("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n", row.get(0), row.get(1), row.get(2), row.get(3));
            }
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
            Client c = parent.withAdmin(a -> a.find(clientId))
                    .orElseThrow(() -> noClient(clientId));
            print(c);
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
            if (!parent.withAdmin(a -> a.delete(clientId))) {
                throw noClient(clientId);
            }
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

        @Option(names = "--demo", description = "client_secret_jwt: seal the secret with the demo master key kept in ./data.")
        boolean demo;

        @Option(names = "--grace-period", description = "How long the old secret keeps working, e.g. 1h or 7d (default: it stops at once).")
        String gracePeriod;

        @Override
        public void run() {
            Duration grace = gracePeriod == null ? null : Durations.parse(gracePeriod);
            ClientAdmin.Rotated rotated = parent.withAdmin(demo, a -> a.rotateSecret(found(a, clientId).clientId(), grace));
            System.out.println("client_id:                  " + clientId);
            if (rotated.previousSecretExpiresAt() != null) {
                System.out.println("previous secret valid until: " + rotated.previousSecretExpiresAt());
            }
            printSecret(rotated.secret(), rotated.client().authMethod());
        }
    }
}
