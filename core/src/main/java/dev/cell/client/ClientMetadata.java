package dev.cell.client;

import dev.cell.token.AccessTokenFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a client is registered with: the RFC 7591 §2 client metadata (plus {@code application_type} and
 * {@code post_logout_redirect_uris} of OpenID Connect) and Cell's own settings. Checked by {@link ClientMetadataValidator},
 * read and written as JSON by {@link ClientMetadataJson}; built with {@link #builder()}.
 *
 * @param tokenEndpointAuthMethod {@code token_endpoint_auth_method}
 * @param responseTypes {@code response_types}; each value's words in a fixed order ({@code id_token token}); when none are
 *        given, those the grant types imply (RFC 7591 §2.1)
 * @param scopes the words of {@code scope}
 * @param jwks {@code jwks} as JSON text (a JWK set of public keys), or null
 * @param audiences Cell: values of {@code aud} for its access tokens; empty means the client id
 * @param accessTokenFormat Cell: {@code jwt} (RFC 9068) or {@code opaque}
 * @param accessTokenLifetime Cell: lifetime of its access tokens, or null for the server's
 * @param refreshTokenLifetime Cell: absolute lifetime of its refresh tokens, or null for the server's
 * @param idTokenLifetime Cell: lifetime of its ID tokens, or null for the server's
 * @param pkceRequired Cell: false only for a confidential client allowed to leave out {@code code_challenge} (OAuth 2.1 §7.5.1)
 * @param firstParty Cell: a trusted first-party client, for which the consent page is skipped
 * @param legacyTokenClaims Cell: its tokens also carry Spring Security OAuth's {@code user_name} and {@code authorities}
 * @param authorities Cell: the client's own authorities in those legacy tokens
 * @param dpopBoundAccessTokens {@code dpop_bound_access_tokens} (RFC 9449 §5.2): every token request must carry a DPoP proof
 * @param requirePushedAuthorizationRequests {@code require_pushed_authorization_requests} (RFC 9126 §6): its authorization
 *        requests must come through the PAR endpoint
 * @param requireSignedRequestObject {@code require_signed_request_object} (RFC 9101 §10.5): its authorization requests must be
 *        signed request objects
 * @param tokenExchangeSubjects Cell: whose tokens it may exchange (RFC 8693 §2.1 {@code subject_token}): Cell client ids (tokens Cell
 *        issued to them) and issuers from the JWT bearer trust file; empty: none
 * @param backchannelLogoutUri {@code backchannel_logout_uri} (OIDC Back-Channel Logout 1.0 §2.2): where logout tokens are
 *        posted when a session it signed in through ends, or null for none
 * @param backchannelLogoutSessionRequired {@code backchannel_logout_session_required} (§2.2): its logout tokens must carry
 *        {@code sid}
 */
public record ClientMetadata(
        List<String> redirectUris,
        ClientAuthMethod tokenEndpointAuthMethod,
        Set<String> grantTypes,
        Set<String> responseTypes,
        String clientName,
        String clientUri,
        String logoUri,
        Set<String> scopes,
        List<String> contacts,
        String tosUri,
        String policyUri,
        String jwksUri,
        String jwks,
        String softwareId,
        String softwareVersion,
        List<String> postLogoutRedirectUris,
        ApplicationType applicationType,
        List<String> audiences,
        AccessTokenFormat accessTokenFormat,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Duration idTokenLifetime,
        boolean pkceRequired,
        boolean firstParty,
        boolean legacyTokenClaims,
        Set<String> authorities,
        boolean dpopBoundAccessTokens,
        boolean requirePushedAuthorizationRequests,
        boolean requireSignedRequestObject,
        Set<String> tokenExchangeSubjects,
        String backchannelLogoutUri,
        boolean backchannelLogoutSessionRequired) {

    /** RFC 7591 §2: a client that names no grant types uses the authorization code grant. */
    public static final Set<String> DEFAULT_GRANT_TYPES = Set.of("authorization_code");

    public ClientMetadata {
        redirectUris = List.copyOf(redirectUris);
        grantTypes = Set.copyOf(grantTypes);
        responseTypes = responseTypes.isEmpty() ? impliedResponseTypes(grantTypes)
                : responseTypes.stream().map(ClientMetadata::canonicalResponseType).collect(Collectors.toUnmodifiableSet());
        scopes = Set.copyOf(scopes);
        contacts = List.copyOf(contacts);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        audiences = List.copyOf(audiences);
        authorities = Set.copyOf(authorities);
        tokenExchangeSubjects = Set.copyOf(tokenExchangeSubjects);
        if (tokenEndpointAuthMethod == null || applicationType == null || accessTokenFormat == null) {
            throw new IllegalArgumentException("token_endpoint_auth_method, application_type and access_token_format are required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The response types the grant types call for (RFC 7591 §2.1): {@code code} and the implicit ones. */
    public static Set<String> impliedResponseTypes(Collection<String> grantTypes) {
        Set<String> out = new LinkedHashSet<>();
        if (grantTypes.contains("authorization_code")) {
            out.add("code");
        }
        if (grantTypes.contains("implicit")) {
            out.addAll(List.of("token", "id_token", "id_token token"));
        }
        return Set.copyOf(out);
    }

    /** A response type's words sorted, so {@code token id_token} equals {@code id_token token} (OAuth 2.0 Multiple Response Types). */
    public static String canonicalResponseType(String value) {
        return Arrays.stream(value.strip().split(" +")).sorted().collect(Collectors.joining(" "));
    }

    /** A confidential client authenticates at the token endpoint (RFC 6749 §2.1). */
    public boolean isConfidential() {
        return tokenEndpointAuthMethod != ClientAuthMethod.NONE;
    }

    /** Builds {@link ClientMetadata}; starts from the RFC 7591 §2 defaults and Cell's (JWT access tokens, PKCE required). */
    public static final class Builder {
        private List<String> redirectUris = List.of();
        private ClientAuthMethod tokenEndpointAuthMethod = ClientAuthMethod.CLIENT_SECRET_BASIC;
        private Set<String> grantTypes = DEFAULT_GRANT_TYPES;
        private Set<String> responseTypes = Set.of();
        private String clientName;
        private String clientUri;
        private String logoUri;
        private Set<String> scopes = Set.of();
        private List<String> contacts = List.of();
        private String tosUri;
        private String policyUri;
        private String jwksUri;
        private String jwks;
        private String softwareId;
        private String softwareVersion;
        private List<String> postLogoutRedirectUris = List.of();
        private ApplicationType applicationType = ApplicationType.WEB;
        private List<String> audiences = List.of();
        private AccessTokenFormat accessTokenFormat = AccessTokenFormat.JWT;
        private Duration accessTokenLifetime;
        private Duration refreshTokenLifetime;
        private Duration idTokenLifetime;
        private boolean pkceRequired = true;
        private boolean firstParty;
        private boolean legacyTokenClaims;
        private Set<String> authorities = Set.of();
        private boolean dpopBoundAccessTokens;
        private boolean requirePushedAuthorizationRequests;
        private boolean requireSignedRequestObject;
        private Set<String> tokenExchangeSubjects = Set.of();
        private String backchannelLogoutUri;
        private boolean backchannelLogoutSessionRequired;

        private Builder() {}

        private Builder(ClientMetadata m) {
            redirectUris = m.redirectUris;
            tokenEndpointAuthMethod = m.tokenEndpointAuthMethod;
            grantTypes = m.grantTypes;
            responseTypes = m.responseTypes;
            clientName = m.clientName;
            clientUri = m.clientUri;
            logoUri = m.logoUri;
            scopes = m.scopes;
            contacts = m.contacts;
            tosUri = m.tosUri;
            policyUri = m.policyUri;
            jwksUri = m.jwksUri;
            jwks = m.jwks;
            softwareId = m.softwareId;
            softwareVersion = m.softwareVersion;
            postLogoutRedirectUris = m.postLogoutRedirectUris;
            applicationType = m.applicationType;
            audiences = m.audiences;
            accessTokenFormat = m.accessTokenFormat;
            accessTokenLifetime = m.accessTokenLifetime;
            refreshTokenLifetime = m.refreshTokenLifetime;
            idTokenLifetime = m.idTokenLifetime;
            pkceRequired = m.pkceRequired;
            firstParty = m.firstParty;
            legacyTokenClaims = m.legacyTokenClaims;
            authorities = m.authorities;
            dpopBoundAccessTokens = m.dpopBoundAccessTokens;
            requirePushedAuthorizationRequests = m.requirePushedAuthorizationRequests;
            requireSignedRequestObject = m.requireSignedRequestObject;
            tokenExchangeSubjects = m.tokenExchangeSubjects;
            backchannelLogoutUri = m.backchannelLogoutUri;
            backchannelLogoutSessionRequired = m.backchannelLogoutSessionRequired;
        }

        public Builder redirectUris(List<String> v) {
            redirectUris = v;
            return this;
        }

        public Builder tokenEndpointAuthMethod(ClientAuthMethod v) {
            tokenEndpointAuthMethod = v;
            return this;
        }

        /** The grant types; the response types follow them unless set after this call. */
        public Builder grantTypes(Set<String> v) {
            grantTypes = v;
            responseTypes = Set.of();
            return this;
        }

        /** The response types; empty means those the grant types imply. */
        public Builder responseTypes(Set<String> v) {
            responseTypes = v;
            return this;
        }

        public Builder clientName(String v) {
            clientName = v;
            return this;
        }

        public Builder clientUri(String v) {
            clientUri = v;
            return this;
        }

        public Builder logoUri(String v) {
            logoUri = v;
            return this;
        }

        public Builder scopes(Set<String> v) {
            scopes = v;
            return this;
        }

        public Builder contacts(List<String> v) {
            contacts = v;
            return this;
        }

        public Builder tosUri(String v) {
            tosUri = v;
            return this;
        }

        public Builder policyUri(String v) {
            policyUri = v;
            return this;
        }

        public Builder jwksUri(String v) {
            jwksUri = v;
            return this;
        }

        public Builder jwks(String v) {
            jwks = v;
            return this;
        }

        public Builder softwareId(String v) {
            softwareId = v;
            return this;
        }

        public Builder softwareVersion(String v) {
            softwareVersion = v;
            return this;
        }

        public Builder postLogoutRedirectUris(List<String> v) {
            postLogoutRedirectUris = v;
            return this;
        }

        public Builder applicationType(ApplicationType v) {
            applicationType = v;
            return this;
        }

        public Builder audiences(List<String> v) {
            audiences = v;
            return this;
        }

        public Builder accessTokenFormat(AccessTokenFormat v) {
            accessTokenFormat = v;
            return this;
        }

        public Builder accessTokenLifetime(Duration v) {
            accessTokenLifetime = v;
            return this;
        }

        public Builder refreshTokenLifetime(Duration v) {
            refreshTokenLifetime = v;
            return this;
        }

        public Builder idTokenLifetime(Duration v) {
            idTokenLifetime = v;
            return this;
        }

        public Builder pkceRequired(boolean v) {
            pkceRequired = v;
            return this;
        }

        public Builder firstParty(boolean v) {
            firstParty = v;
            return this;
        }

        public Builder legacyTokenClaims(boolean v) {
            legacyTokenClaims = v;
            return this;
        }

        public Builder authorities(Set<String> v) {
            authorities = v;
            return this;
        }

        public Builder dpopBoundAccessTokens(boolean v) {
            dpopBoundAccessTokens = v;
            return this;
        }

        public Builder requirePushedAuthorizationRequests(boolean v) {
            requirePushedAuthorizationRequests = v;
            return this;
        }

        public Builder requireSignedRequestObject(boolean v) {
            requireSignedRequestObject = v;
            return this;
        }

        public Builder tokenExchangeSubjects(Set<String> v) {
            tokenExchangeSubjects = v;
            return this;
        }

        public Builder backchannelLogoutUri(String v) {
            backchannelLogoutUri = v;
            return this;
        }

        public Builder backchannelLogoutSessionRequired(boolean v) {
            backchannelLogoutSessionRequired = v;
            return this;
        }

        public ClientMetadata build() {
            return new ClientMetadata(redirectUris, tokenEndpointAuthMethod, grantTypes, responseTypes, clientName, clientUri, logoUri,
                    scopes, contacts, tosUri, policyUri, jwksUri, jwks, softwareId, softwareVersion, postLogoutRedirectUris,
                    applicationType, audiences, accessTokenFormat, accessTokenLifetime, refreshTokenLifetime, idTokenLifetime,
                    pkceRequired, firstParty, legacyTokenClaims, authorities, dpopBoundAccessTokens,
                    requirePushedAuthorizationRequests, requireSignedRequestObject, tokenExchangeSubjects, backchannelLogoutUri,
                    backchannelLogoutSessionRequired);
        }
    }
}
