package dev.cell.client;

import dev.cell.assertion.PublicJwks;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.grant.ServerGrants;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one check of client metadata (RFC 7591 §2), used by the CLI, the admin API and registration: grant types the server
 * offers, response types that match them (§2.1), an authentication method consistent with the grants and keys, redirect URIs
 * per RFC 6749 §3.1.2, RFC 8252 and RFC 9700 §2.1, and bounded values. Refusals carry the RFC 7591 §3.2.2 codes
 * {@code invalid_redirect_uri} and {@code invalid_client_metadata}.
 */
public final class ClientMetadataValidator {
    public static final int MAX_URIS = 50;
    public static final int MAX_URI_LENGTH = 2000;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 255;
    public static final int MAX_ITEMS = 100;
    /** Longest access or ID token lifetime a client may be given. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(1);
    /** Longest refresh token lifetime a client may be given. */
    public static final Duration MAX_REFRESH_LIFETIME = Duration.ofDays(400);
    /** A scope token (RFC 6749 §3.3): %x21 / %x23-5B / %x5D-7E. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");
    private static final Set<String> RESPONSE_TYPE_WORDS = Set.of("code", "token", "id_token");
    private static final Set<String> REDIRECTING_GRANTS = Set.of("authorization_code", ServerGrants.IMPLICIT);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    private final ServerGrants grants;

    /** @param grants the grant types this server offers, e.g. {@link ServerGrants#of} */
    public ClientMetadataValidator(ServerGrants grants) {
        this.grants = grants;
    }

    /**
     * Checks the metadata.
     *
     * @return the metadata to store: as given, with a {@code jwks} reduced to its public members
     * @throws OAuthException {@code invalid_redirect_uri} or {@code invalid_client_metadata} naming the member at fault
     */
    public ClientMetadata validate(ClientMetadata m) {
        if (m.clientName() != null && m.clientName().isBlank()) {
            throw invalid("client_name: must not be blank");
        }
        text("client_name", m.clientName(), MAX_NAME_LENGTH);
        text("software_id", m.softwareId(), MAX_TEXT_LENGTH);
        text("software_version", m.softwareVersion(), MAX_TEXT_LENGTH);
        grantTypes(m);
        responseTypes(m);
        authentication(m);
        redirectUris(m);
        link("client_uri", m.clientUri(), false);
        link("logo_uri", m.logoUri(), true);
        link("tos_uri", m.tosUri(), false);
        link("policy_uri", m.policyUri(), false);
        backchannelLogoutUri(m.backchannelLogoutUri());
        texts("contacts", m.contacts(), 320);
        count("scope", m.scopes());
        for (String s : m.scopes()) {
            if (!SCOPE_TOKEN.matcher(s).matches()) {
                throw invalid("scope: each scope is 1 to 200 printable characters without space, quote or backslash (RFC 6749 section 3.3)");
            }
        }
        texts("audience", m.audiences(), MAX_URI_LENGTH);
        texts("authorities", m.authorities(), MAX_TEXT_LENGTH);
        texts("token_exchange_subjects", m.tokenExchangeSubjects(), MAX_URI_LENGTH);
        lifetime("access_token_lifetime", m.accessTokenLifetime(), MAX_TOKEN_LIFETIME);
        lifetime("id_token_lifetime", m.idTokenLifetime(), MAX_TOKEN_LIFETIME);
        lifetime("refresh_token_lifetime", m.refreshTokenLifetime(), MAX_REFRESH_LIFETIME);
        return m.jwks() == null ? m : m.toBuilder().jwks(publicJwks(m.jwks())).build();
    }

    private void grantTypes(ClientMetadata m) {
        if (m.grantTypes().isEmpty()) {
            throw invalid("grant_types: a client needs at least one grant type");
        }
        for (String g : new TreeSet<>(m.grantTypes())) {
            if (!grants.offers(g)) {
                throw invalid("grant_types: grant type '" + shown(g) + "' is not offered by this server; it offers: "
                        + String.join(", ", new TreeSet<>(grants.grantTypes())));
            }
        }
    }

    /** Each response type needs its grant, and each redirecting grant a response type (RFC 7591 §2.1). */
    private static void responseTypes(ClientMetadata m) {
        boolean code = false;
        boolean implicit = false;
        for (String value : m.responseTypes()) {
            for (String word : value.split(" ")) {
                if (!RESPONSE_TYPE_WORDS.contains(word)) {
                    throw invalid("response_types: '" + shown(value) + "' is not a response type; use code, token, id_token or a combination");
                }
                code |= word.equals("code");
                implicit |= !word.equals("code");
            }
        }
        boolean codeGrant = m.grantTypes().contains("authorization_code");
        boolean implicitGrant = m.grantTypes().contains(ServerGrants.IMPLICIT);
        if (code != codeGrant) {
            throw invalid(code ? "response_types: the code response type needs the authorization_code grant type (RFC 7591 section 2.1)"
                    : "response_types: the authorization_code grant type needs the code response type (RFC 7591 section 2.1)");
        }
        if (implicit != implicitGrant) {
            throw invalid(implicit ? "response_types: the token and id_token response types need the implicit grant type (RFC 7591 section 2.1)"
                    : "response_types: the implicit grant type needs a token or id_token response type (RFC 7591 section 2.1)");
        }
    }

    /** The method suits the grants (a public client has no client_credentials and always uses PKCE) and the keys (also for request objects). */
    private static void authentication(ClientMetadata m) {
        ClientAuthMethod method = m.tokenEndpointAuthMethod();
        if (method == ClientAuthMethod.NONE && m.grantTypes().contains("client_credentials")) {
            throw invalid("grant_types: a public client (token_endpoint_auth_method none) cannot use client_credentials (RFC 6749 section 4.4)");
        }
        if (method == ClientAuthMethod.NONE && !m.pkceRequired()) {
            throw invalid("pkce_required: a public client (token_endpoint_auth_method none) must use PKCE (RFC 9700 section 2.1.1)");
        }
        if (method != ClientAuthMethod.PRIVATE_KEY_JWT) {
            if (m.jwks() != null || m.jwksUri() != null) {
                throw invalid("jwks, jwks_uri: only private_key_jwt clients register keys");
            }
            if (m.requireSignedRequestObject()) {
                throw invalid("require_signed_request_object: request objects are verified with the keys of a private_key_jwt client; "
                        + "register the client with private_key_jwt and jwks or jwks_uri (RFC 9101 section 10.5)");
            }
            return;
        }
        if ((m.jwks() == null) == (m.jwksUri() == null)) {
            throw invalid("jwks, jwks_uri: a private_key_jwt client registers exactly one of jwks and jwks_uri (RFC 7591 section 2)");
        }
        if (m.jwksUri() != null) {
            length("jwks_uri", m.jwksUri(), MAX_URI_LENGTH);
            try {
                PublicJwks.checkUri(m.jwksUri());
            } catch (IllegalArgumentException e) {
                throw invalid("jwks_uri: " + e.getMessage());
            }
        }
    }

    private static String publicJwks(String jwks) {
        try {
            return PublicJwks.parse(jwks);
        } catch (IllegalArgumentException e) {
            throw invalid("jwks: " + e.getMessage());
        }
    }

    private static void redirectUris(ClientMetadata m) {
        boolean redirecting = m.grantTypes().stream().anyMatch(REDIRECTING_GRANTS::contains);
        if (redirecting && m.redirectUris().isEmpty()) {
            throw new OAuthException(OAuthError.INVALID_REDIRECT_URI,
                    "redirect_uris: authorization_code and implicit clients need at least one redirect URI (RFC 6749 section 3.1.2.2)");
        }
        checkUris("redirect_uris", m.redirectUris(), m.applicationType(), OAuthError.INVALID_REDIRECT_URI);
        checkUris("post_logout_redirect_uris", m.postLogoutRedirectUris(), m.applicationType(), OAuthError.INVALID_CLIENT_METADATA);
    }

    private static void checkUris(String member, List<String> uris, ApplicationType type, OAuthError error) {
        if (uris.size() > MAX_URIS) {
            throw new OAuthException(error, member + ": more than " + MAX_URIS + " URIs");
        }
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i);
            String at = member + "[" + i + "]" + (uri == null ? "" : " '" + shown(uri) + "'") + ": ";
            if (uri == null || uri.length() > MAX_URI_LENGTH) {
                throw new OAuthException(error, at + "a URI of at most " + MAX_URI_LENGTH + " characters");
            }
            try {
                RedirectUriPolicy.check(uri);
            } catch (IllegalArgumentException e) {
                throw new OAuthException(error, at + e.getMessage());
            }
            String scheme = URI.create(uri).getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") && type != ApplicationType.NATIVE) {
                throw new OAuthException(error, at + "a private-use scheme is only for native apps: register with application_type "
                        + "native (RFC 8252 section 7.1)");
            }
        }
    }

    /** An absolute http(s) URL with a host; {@code logo_uri} only https, as the consent page shows no other (RFC 9700 §4.16). */
    private static void link(String member, String value, boolean httpsOnly) {
        if (value == null) {
            return;
        }
        length(member, value, MAX_URI_LENGTH);
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(member + ": not a valid URI (RFC 3986)");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = httpsOnly ? scheme.equals("https") : scheme.equals("https") || scheme.equals("http");
        if (!ok || u.getHost() == null || u.getRawUserInfo() != null) {
            throw invalid(member + ": must be an absolute " + (httpsOnly ? "https" : "http or https") + " URL with a host and no userinfo");
        }
    }

    /**
     * An absolute https URL, or http to a loopback host, with no fragment or userinfo (OIDC Back-Channel Logout 1.0 §2.2):
     * Cell posts logout tokens to it from the server side.
     */
    private static void backchannelLogoutUri(String value) {
        if (value == null) {
            return;
        }
        String member = "backchannel_logout_uri";
        length(member, value, MAX_URI_LENGTH);
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(member + ": not a valid URI (RFC 3986)");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = u.getHost() != null && LOOPBACK_HOSTS.contains(u.getHost().toLowerCase(Locale.ROOT));
        if (!(scheme.equals("https") || (scheme.equals("http") && loopback)) || u.getHost() == null || u.getHost().isEmpty()) {
            throw invalid(member + ": must be an absolute https URL (plain http only to a loopback address: 127.0.0.1, [::1], localhost)");
        }
        if (u.getRawFragment() != null) {
            throw invalid(member + ": must not have a fragment (OIDC Back-Channel Logout 1.0 section 2.2)");
        }
        if (u.getRawUserInfo() != null) {
            throw invalid(member + ": must not have userinfo (user@ before the host)");
        }
    }

    private static void lifetime(String member, Duration value, Duration max) {
        if (value != null && (value.isNegative() || value.isZero() || value.compareTo(max) > 0)) {
            throw invalid(member + ": seconds from 1 to " + max.toSeconds());
        }
    }

    private static void count(String member, Collection<String> values) {
        if (values.size() > MAX_ITEMS) {
            throw invalid(member + ": more than " + MAX_ITEMS + " values");
        }
    }

    private static void texts(String member, Collection<String> values, int max) {
        count(member, values);
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw invalid(member + ": values must not be empty");
            }
            text(member, v, max);
        }
    }

    /** A human-readable value: at most {@code max} characters, no control characters. */
    private static void text(String member, String value, int max) {
        if (value == null) {
            return;
        }
        length(member, value, max);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(member + ": must not contain control characters");
        }
    }

    private static void length(String member, String value, int max) {
        if (value.length() > max) {
            throw invalid(member + ": longer than " + max + " characters");
        }
    }

    private static String shown(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
