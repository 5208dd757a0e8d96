package dev.cell.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.client.ApplicationType;
import dev.cell.client.ClientAuthMethod;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The client metadata options (RFC 7591 §2 members) both {@code cell client create} and {@code update} take; only those given become members. */
final class ClientMetadataOptions {
    @Option(names = "--name", description = "Human-readable name shown on the consent page (client_name).")
    String name;

    @Option(names = "--grant", split = ",", description = "Grant type, repeatable; one the server offers (see features.* in the configuration).")
    List<String> grants;

    @Option(names = "--scope", split = "[, ]", description = "Scope the client may request, repeatable.")
    List<String> scopes;

    @Option(names = "--redirect-uri", description = "Registered redirect URI (exact match), repeatable.")
    List<String> redirectUris;

    @Option(names = "--post-logout-redirect-uri", description = "Registered post-logout redirect URI, repeatable.")
    List<String> postLogoutRedirectUris;

    @Option(names = "--audience", description = "Value for the aud claim of its access tokens, repeatable (default: the client_id).")
    List<String> audiences;

    @Option(names = "--auth-method", description = "Client authentication: client_secret_basic (the default), client_secret_post, "
            + "client_secret_jwt, private_key_jwt or none.")
    String authMethod;

    @Option(names = "--jwks-uri", description = "private_key_jwt: the https URL where the client publishes its public keys (JWK set).")
    String jwksUri;

    @Option(names = "--jwks", description = "private_key_jwt: a file holding the client's public keys as a JWK set.")
    Path jwksFile;

    @Option(names = "--access-token-format", description = "jwt (RFC 9068, the default) or opaque.")
    String format;

    @Option(names = "--pkce", description = ClientCommand.PKCE_HELP + " Default: required.")
    String pkce;

    @Option(names = "--application-type", description = "web or native (default: native when a redirect URI uses a private-use "
            + "scheme such as com.example.app:/cb, else web).")
    String applicationType;

    @Option(names = "--token-exchange-subject", split = ",", description = "A Cell client id whose tokens, or a trusted JWT "
            + "issuer whose JWTs, it may exchange at the token endpoint (RFC 8693); repeat or comma-separate. Needs the grant type "
            + "urn:ietf:params:oauth:grant-type:token-exchange.")
    List<String> tokenExchangeSubjects;

    @Option(names = "--client-uri", description = "Home page of the client, linked from the consent page.")
    String clientUri;

    @Option(names = "--logo-uri", description = "https URL of the client's logo, shown on the consent page.")
    String logoUri;

    @Option(names = "--policy-uri", description = "The client's privacy policy, linked from the consent page.")
    String policyUri;

    @Option(names = "--tos-uri", description = "The client's terms of service, linked from the consent page.")
    String tosUri;

    @Option(names = "--backchannel-logout-uri", paramLabel = "URL", description = "Where Cell posts a logout token when a session the "
            + "client signed in through ends (backchannel_logout_uri, OpenID Connect Back-Channel Logout 1.0): https, or http to a "
            + "loopback address; an empty value removes it.")
    String backchannelLogoutUri;

    @Option(names = "--metadata", paramLabel = "JSON", description = ClientCommand.METADATA_HELP)
    String metadata;

    /** The members given, in RFC 7591 §2 names, over those of {@code --metadata}. */
    ObjectNode members() {
        ObjectNode m = metadata == null ? Json.MAPPER.createObjectNode() : object(metadata);
        if (name != null) {
            m.put("client_name", name);
        }
        list(m, "grant_types", grants);
        if (scopes != null) {
            m.put("scope", String.join(" ", scopes.stream().filter(s -> !s.isBlank()).toList()));
        }
        list(m, "redirect_uris", redirectUris);
        list(m, "post_logout_redirect_uris", postLogoutRedirectUris);
        list(m, "audience", audiences);
        list(m, "token_exchange_subjects", tokenExchangeSubjects);
        if (authMethod != null) {
            m.put("token_endpoint_auth_method", ClientAuthMethod.of(authMethod).orElseThrow(() -> new IllegalArgumentException(
                    "--auth-method must be client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none")).value());
        }
        text(m, "jwks_uri", jwksUri);
        text(m, "client_uri", clientUri);
        text(m, "logo_uri", logoUri);
        text(m, "policy_uri", policyUri);
        text(m, "tos_uri", tosUri);
        if (backchannelLogoutUri != null) {
            if (backchannelLogoutUri.isEmpty()) {
                m.putNull("backchannel_logout_uri");
            } else {
                m.put("backchannel_logout_uri", backchannelLogoutUri);
            }
        }
        if (jwksFile != null) {
            m.set("jwks", object("--jwks", read(jwksFile)));
        }
        if (format != null) {
            m.put("access_token_format", AccessTokenFormat.of(format)
                    .orElseThrow(() -> new IllegalArgumentException("--access-token-format must be jwt or opaque")).value());
        }
        if (pkce != null) {
            m.put("pkce_required", ClientCommand.pkceRequired(pkce));
        }
        if (applicationType != null) {
            m.put("application_type", ApplicationType.of(applicationType)
                    .orElseThrow(() -> new IllegalArgumentException("--application-type must be web or native")).value());
        }
        return m;
    }

    private static void text(ObjectNode m, String member, String value) {
        if (value != null) {
            m.put(member, value);
        }
    }

    private static void list(ObjectNode m, String member, List<String> values) {
        if (values != null) {
            ArrayNode a = m.putArray(member);
            new LinkedHashSet<>(values).forEach(a::add);
        }
    }

    private static ObjectNode object(String json) {
        return object("--metadata", json);
    }

    private static ObjectNode object(String option, String json) {
        try {
            if (Json.MAPPER.readTree(json) instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(option + " is not JSON: " + e.getOriginalMessage());
        }
        throw new IllegalArgumentException(option + " must be a JSON object");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--jwks: cannot read " + file + ": " + e.getMessage());
        }
    }
}
