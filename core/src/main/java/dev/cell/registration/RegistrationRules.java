package dev.cell.registration;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a dynamic registration may ask for on top of the one client metadata check (RFC 7591 section 2, errors per section
 * 3.2.2), by what authorized it: the scopes of its initial access token or of the open policy, never Cell's own
 * {@code cell:} scopes unless named there, and for an anonymous registration only a public native app: the authorization code
 * grant with PKCE and private-use scheme or loopback redirect URIs (RFC 8252 sections 7.1, 7.3), with the resources (RFC 8707)
 * the operator lets such clients ask for, and no back-channel logout URI (Cell would post to any address an anonymous
 * party names).
 */
public final class RegistrationRules {
    /** Scopes of Cell itself (such as {@code cell:admin}) that a registration gets only when its limits name them. */
    public static final String RESERVED_SCOPE_PREFIX = "cell:";
    private static final Set<String> OPEN_GRANTS = Set.of("authorization_code", "refresh_token");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    private RegistrationRules() {}

    /**
     * The limits a registration and every later update of it are held to.
     *
     * @param allowedScopes the only scopes the client may have; empty for no such limit
     * @param anonymous registered under the open policy
     * @param resources for an anonymous registration, the resources (RFC 8707) it may ask tokens for: its audiences
     */
    public record Limits(Set<String> allowedScopes, boolean anonymous, List<String> resources) {
        public Limits {
            allowedScopes = Set.copyOf(allowedScopes);
            resources = List.copyOf(resources);
        }
    }

    /** The metadata with the limits' scopes when the request asked for none (RFC 7591 section 2 lets the server pick a default). */
    public static ClientMetadata withDefaultScopes(ClientMetadata m, Limits limits) {
        return m.scopes().isEmpty() && !limits.allowedScopes().isEmpty() ? m.toBuilder().scopes(limits.allowedScopes()).build() : m;
    }

    /**
     * The metadata with the audiences of an anonymous registration: the resources of its limits, narrowed to those its
     * {@code resource} member names when it names any (RFC 7591 section 2 lets the server replace requested values). Other
     * registrations get their audiences from an administrator only.
     *
     * @param requested the values of the request's {@code resource} member, or null without one
     */
    public static ClientMetadata withResources(ClientMetadata m, List<String> requested, Limits limits) {
        if (!limits.anonymous()) {
            return m;
        }
        List<String> audiences = requested == null ? limits.resources() : limits.resources().stream().filter(requested::contains).toList();
        return m.toBuilder().audiences(audiences).build();
    }

    /**
     * Checks what the limits add to {@code ClientMetadataValidator}'s rules.
     *
     * @throws OAuthException {@code invalid_client_metadata} or {@code invalid_redirect_uri} naming the member at fault
     */
    public static void check(ClientMetadata m, Limits limits) {
        for (String scope : new TreeSet<>(m.scopes())) {
            if (!limits.allowedScopes().isEmpty() && !limits.allowedScopes().contains(scope)) {
                throw invalid("scope: '" + shown(scope) + "' is not allowed for this registration; allowed: "
                        + String.join(" ", new TreeSet<>(limits.allowedScopes())));
            }
            if (scope.startsWith(RESERVED_SCOPE_PREFIX) && !limits.allowedScopes().contains(scope)) {
                throw invalid("scope: '" + shown(scope) + "' is one of Cell's own scopes, which only an initial access token naming it allows");
            }
        }
        if (limits.anonymous()) {
            open(m);
        }
    }

    /** Open registration: a public client of the authorization code grant (PKCE required) with native app redirect URIs. */
    private static void open(ClientMetadata m) {
        if (m.tokenEndpointAuthMethod() != ClientAuthMethod.NONE) {
            throw invalid("token_endpoint_auth_method: open registration is for public clients only; register with none "
                    + "(a confidential client needs an initial access token)");
        }
        if (!m.grantTypes().contains("authorization_code") || !OPEN_GRANTS.containsAll(m.grantTypes())) {
            throw invalid("grant_types: open registration allows authorization_code (with refresh_token) only");
        }
        if (!m.pkceRequired()) {
            throw invalid("pkce_required: open registration needs PKCE (RFC 9700 section 2.1.1)");
        }
        nativeUris("redirect_uris", m.redirectUris(), OAuthError.INVALID_REDIRECT_URI);
        nativeUris("post_logout_redirect_uris", m.postLogoutRedirectUris(), OAuthError.INVALID_CLIENT_METADATA);
        if (m.backchannelLogoutUri() != null) {
            throw invalid("backchannel_logout_uri: open registration is for native apps, which have no server to receive logout tokens "
                    + "(OIDC Back-Channel Logout 1.0 section 2.2); a web application needs an initial access token");
        }
    }

    /** Each URI uses a private-use scheme or http to a loopback address (RFC 8252 sections 7.1 and 7.3). */
    private static void nativeUris(String member, List<String> uris, OAuthError error) {
        for (int i = 0; i < uris.size(); i++) {
            URI u = URI.create(uris.get(i));
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = scheme.equals("http") && u.getHost() != null && LOOPBACK_HOSTS.contains(u.getHost().toLowerCase(Locale.ROOT));
            if (scheme.equals("https") || (scheme.equals("http") && !loopback)) {
                throw new OAuthException(error, member + "[" + i + "]: open registration accepts only native app redirect URIs: "
                        + "a private-use scheme such as com.example.app:/cb or http to a loopback address (RFC 8252 section 7)");
            }
        }
    }

    private static String shown(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
