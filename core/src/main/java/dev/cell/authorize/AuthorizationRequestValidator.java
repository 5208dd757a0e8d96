package dev.cell.authorize;

import dev.cell.client.Client;
import dev.cell.client.ClientRegistry;
import dev.cell.client.RedirectUriPolicy;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.grant.Resources;
import dev.cell.grant.Scopes;
import dev.cell.oidc.Acr;
import dev.cell.oidc.ClaimsRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1). Until the client and
 * redirect URI are proven, errors are {@link OAuthException}s for an error page (RFC 6749 §4.1.2.1); after, they are
 * {@link AuthorizationRedirectException}s for the client. PKCE is required unless a confidential client is registered
 * without it (OAuth 2.1 section 7.5.1).
 */
public final class AuthorizationRequestValidator {
    public static final String GRANT_TYPE = "authorization_code";
    public static final String IMPLICIT = "implicit";
    /** Implicit response types (RFC 6749 §4.2.1; OIDC Core §3.2.2.1), normalised to this order. */
    private static final Set<String> IMPLICIT_TYPES = Set.of("token", "id_token", "id_token token");
    public static final String OFFLINE_ACCESS = "offline_access";
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DPOP_JKT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_ACR_VALUES = 1024;
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
    /** C0 controls and DEL: outside VSCHAR (RFC 6749 Appendix A), and six bytes each once stored as JSON. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");
    /** Free-form parameters a pending request keeps, bounded by {@link ParameterLimits#maxParameterLength()}. */
    private static final List<String> BOUNDED = List.of("nonce", "login_hint", "ui_locales");

    /** The authorization request parameters this validator reads (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1, RFC 8707 §2). */
    public static final Set<String> PARAMETERS = Set.of("client_id", "redirect_uri", "response_type", "response_mode", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age", "login_hint", "ui_locales", "claims", "acr_values",
            "resource", "dpop_jkt");

    private final ClientRegistry clients;
    private final boolean allowPlainPkce;
    private final boolean implicitEnabled;
    private final ParameterLimits limits;

    /** @param implicitEnabled whether the legacy implicit response types may be used by clients registered for them */
    public AuthorizationRequestValidator(ClientRegistry clients, boolean allowPlainPkce, boolean implicitEnabled, ParameterLimits limits) {
        this.clients = clients;
        this.allowPlainPkce = allowPlainPkce;
        this.implicitEnabled = implicitEnabled;
        this.limits = limits;
    }

    /** Returns the validated request, or throws one of the two error kinds above. */
    public AuthorizationRequest validate(Map<String, String> parameters) {
        Map<String, String> params = withoutEmptyValues(parameters);
        Client client = client(params.get("client_id"));
        String given = params.get("redirect_uri");
        String redirectUri = redirectUri(client, given);
        String responseType = normalise(params.get("response_type"));
        ResponseMode defaultMode = ResponseMode.defaultFor(responseType);
        String state = state(params.get("state"), new Rejection(redirectUri, null, defaultMode));
        Rejection reject = new Rejection(redirectUri, state, responseMode(params.get("response_mode"), defaultMode,
                new Rejection(redirectUri, state, defaultMode)));
        unsupportedParameters(params, reject);
        boundedLengths(params, reject);
        if (responseType == null) {
            throw reject.with(OAuthError.INVALID_REQUEST, "response_type is missing");
        }
        if (IMPLICIT_TYPES.contains(responseType)) {
            return implicit(params, client, given, redirectUri, responseType, reject);
        }
        if (!responseType.equals("code")) {
            throw reject.with(OAuthError.UNSUPPORTED_RESPONSE_TYPE, "response_type is not supported; use code");
        }
        if (!client.allowsGrant(GRANT_TYPE)) {
            throw reject.with(OAuthError.UNAUTHORIZED_CLIENT, "the client is not allowed the authorization_code grant");
        }
        Set<String> scopes = scopes(client, params.get("scope"), reject);
        if (scopes.contains("openid") && given == null) {
            throw reject.with(OAuthError.INVALID_REQUEST, "redirect_uri is required in OpenID Connect requests (OIDC Core section 3.1.2.1)");
        }
        String challenge = params.get("code_challenge");
        String method = params.get("code_challenge_method");
        if (challenge == null) {
            if (client.pkceRequired()) {
                throw reject.with(OAuthError.INVALID_REQUEST, "code_challenge is required (PKCE, RFC 7636)");
            }
            if (method != null) {
                throw reject.with(OAuthError.INVALID_REQUEST, "code_challenge_method was sent without code_challenge");
            }
        } else {
            try {
                Pkce.checkChallenge(challenge, method, allowPlainPkce);
            } catch (IllegalArgumentException e) {
                throw reject.with(OAuthError.INVALID_REQUEST, e.getMessage());
            }
        }
        return new AuthorizationRequest(client.clientId(), redirectUri, given != null, responseType, reject.responseMode(), scopes, reject.state(),
                params.get("nonce"), challenge, challenge == null ? null : method == null ? Pkce.PLAIN : method, prompt(params.get("prompt"), reject),
                maxAge(params.get("max_age"), reject), params.get("login_hint"), words(params.get("ui_locales")),
                claims(params.get("claims"), client, reject), acrValues(params.get("acr_values"), reject),
                resources(client, params.get("resource"), reject), dpopJkt(params.get("dpop_jkt"), reject));
    }

    /**
     * An error for the client's redirect URI as the parameters prove it (a registered client and a registered
     * {@code redirect_uri}, or its only one), with their {@code state} and response mode; empty when they prove none, and
     * the error belongs on the error page (RFC 6749 §4.1.2.1). For errors found before the parameters themselves are
     * validated, such as a request object that fails (RFC 9101 §6.3).
     */
    public Optional<AuthorizationRedirectException> redirectError(Map<String, String> parameters, OAuthError error, String description) {
        Map<String, String> params = withoutEmptyValues(parameters);
        try {
            String redirectUri = redirectUri(client(params.get("client_id")), params.get("redirect_uri"));
            ResponseMode defaultMode = ResponseMode.defaultFor(normalise(params.get("response_type")));
            String state = state(params.get("state"), new Rejection(redirectUri, null, defaultMode));
            ResponseMode mode = responseMode(params.get("response_mode"), defaultMode, new Rejection(redirectUri, state, defaultMode));
            return Optional.of(new AuthorizationRedirectException(error, description, redirectUri, state, mode));
        } catch (OAuthException | AuthorizationRedirectException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code state} if its UTF-8 form fits the configured length and it has no control characters (RFC 6749 Appendix A.5
     * allows only VSCHAR); a refused one is not echoed, so the error redirect stays short.
     */
    private String state(String state, Rejection reject) {
        if (state != null && state.getBytes(StandardCharsets.UTF_8).length > limits.maxStateLength()) {
            throw reject.with(OAuthError.INVALID_REQUEST, "state is longer than " + limits.maxStateLength() + " bytes");
        }
        if (state != null && CONTROL.matcher(state).find()) {
            throw reject.with(OAuthError.INVALID_REQUEST, "state must not contain control characters (RFC 6749 Appendix A.5)");
        }
        return state;
    }

    /**
     * The requested {@code response_mode}, or the response type's default; query never carries tokens (OAuth 2.0 Multiple
     * Response Type Encoding Practices section 2.1).
     */
    private static ResponseMode responseMode(String requested, ResponseMode defaultMode, Rejection reject) {
        if (requested == null) {
            return defaultMode;
        }
        ResponseMode mode = ResponseMode.of(requested).orElseThrow(() -> reject.with(OAuthError.INVALID_REQUEST,
                "response_mode is not supported; use query, fragment or form_post"));
        if (mode == ResponseMode.QUERY && defaultMode == ResponseMode.FRAGMENT) {
            throw reject.with(OAuthError.INVALID_REQUEST, "response_mode query must not carry tokens; use fragment or form_post");
        }
        return mode;
    }

    /** Values kept with a pending request are bounded, so open requests cannot grow the database without limit. */
    private void boundedLengths(Map<String, String> params, Rejection reject) {
        for (String name : BOUNDED) {
            String value = params.get(name);
            if (value != null && value.length() > limits.maxParameterLength()) {
                throw reject.with(OAuthError.INVALID_REQUEST, name + " is longer than " + limits.maxParameterLength() + " characters");
            }
            if (value != null && CONTROL.matcher(value).find()) {
                throw reject.with(OAuthError.INVALID_REQUEST, name + " must not contain control characters");
            }
        }
    }

    /**
     * The legacy implicit flow (RFC 6749 §4.2.1; OIDC Core §3.2.2.1): on only when switched on and the client is
     * registered for it; answers go in the fragment or by form_post; {@code nonce} is required with an ID token.
     */
    private AuthorizationRequest implicit(Map<String, String> params, Client client, String given, String redirectUri,
            String responseType, Rejection reject) {
        if (!implicitEnabled) {
            throw reject.with(OAuthError.UNSUPPORTED_RESPONSE_TYPE, "the implicit grant is switched off (OAuth 2.1 removes it); use code");
        }
        if (!client.allowsGrant(IMPLICIT)) {
            throw reject.with(OAuthError.UNAUTHORIZED_CLIENT, "the client is not allowed the implicit grant");
        }
        Set<String> scopes = scopes(client, params.get("scope"), reject);
        boolean idToken = responseType.startsWith("id_token");
        if (idToken && !scopes.contains("openid")) {
            throw reject.with(OAuthError.INVALID_SCOPE, "response_type " + responseType + " needs the openid scope");
        }
        if (idToken && params.get("nonce") == null) {
            throw reject.with(OAuthError.INVALID_REQUEST, "nonce is required with an ID token in the implicit flow (OIDC Core section 3.2.2.1)");
        }
        if (scopes.contains("openid") && given == null) {
            throw reject.with(OAuthError.INVALID_REQUEST, "redirect_uri is required in OpenID Connect requests (OIDC Core section 3.1.2.1)");
        }
        return new AuthorizationRequest(client.clientId(), redirectUri, given != null, responseType, reject.responseMode(), scopes, reject.state(),
                params.get("nonce"), null, null, prompt(params.get("prompt"), reject), maxAge(params.get("max_age"), reject),
                params.get("login_hint"), words(params.get("ui_locales")), claims(params.get("claims"), client, reject),
                acrValues(params.get("acr_values"), reject), resources(client, params.get("resource"), reject));
    }

    /** Response type values in a fixed order, so {@code token id_token} equals {@code id_token token} (OAuth 2.0 Multiple Response Types). */
    private static String normalise(String responseType) {
        if (responseType == null) {
            return null;
        }
        List<String> parts = new java.util.ArrayList<>(words(responseType));
        java.util.Collections.sort(parts);
        return String.join(" ", parts);
    }

    /** Parameters sent without a value are treated as omitted (RFC 6749 §3.1). */
    private static Map<String, String> withoutEmptyValues(Map<String, String> params) {
        Map<String, String> out = new HashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Client client(String clientId) {
        if (clientId == null) {
            throw OAuthException.invalidRequest("client_id is missing");
        }
        Client client = clients.resolve(clientId)
                .orElseThrow(() -> OAuthException.invalidRequest("client_id '" + clientId + "' is not a registered client"));
        if (!client.allowsGrant(GRANT_TYPE) && !client.allowsGrant(IMPLICIT)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the client is not allowed the authorization_code grant");
        }
        return client;
    }

    private static String redirectUri(Client client, String given) {
        if (given == null) {
            if (client.redirectUris().size() != 1) {
                throw OAuthException.invalidRequest("redirect_uri is required: the client has "
                        + (client.redirectUris().isEmpty() ? "no" : "several") + " registered redirect URIs");
            }
            return allowed(client.redirectUris().get(0));
        }
        if (!RedirectUriMatcher.matches(client.redirectUris(), given)) {
            throw OAuthException.invalidRequest("redirect_uri is not registered for this client");
        }
        return allowed(given);
    }

    /** A client stored before {@link RedirectUriPolicy} may hold a URI a browser must never be sent to: never redirect there. */
    private static String allowed(String redirectUri) {
        if (!RedirectUriPolicy.allowed(redirectUri)) {
            throw OAuthException.invalidRequest("the registered redirect_uri is not one a browser may be sent to (RFC 9700 section 2.6); "
                    + "register the client again with https, http to a loopback address or a private-use scheme");
        }
        return redirectUri;
    }

    private static void unsupportedParameters(Map<String, String> params, Rejection reject) {
        if (params.containsKey("request")) {
            throw reject.with(OAuthError.REQUEST_NOT_SUPPORTED, "request objects are not supported (OIDC Core section 6)");
        }
        if (params.containsKey("request_uri")) {
            throw reject.with(OAuthError.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported (OIDC Core section 6)");
        }
        if (params.containsKey("registration")) {
            throw reject.with(OAuthError.REGISTRATION_NOT_SUPPORTED, "the registration parameter is not supported (OIDC Core section 7.2.1)");
        }
    }

    /** The requested scopes if all are allowed; when omitted, the client's scopes without offline_access (RFC 6749 §3.3). */
    private static Set<String> scopes(Client client, String scope, Rejection reject) {
        Set<String> requested;
        try {
            requested = Scopes.parse(scope);
        } catch (OAuthException e) {
            throw reject.with(e.error(), e.description());
        }
        if (requested.isEmpty()) {
            Set<String> defaults = new HashSet<>(client.scopes());
            defaults.remove(OFFLINE_ACCESS);
            return defaults;
        }
        for (String s : requested) {
            if (!client.scopes().contains(s)) {
                throw reject.with(OAuthError.INVALID_SCOPE, s.length() > 64 ? "a scope is not allowed for this client"
                        : "scope '" + s + "' is not allowed for this client");
            }
        }
        return requested;
    }

    private static Set<String> prompt(String prompt, Rejection reject) {
        Set<String> values = new LinkedHashSet<>(words(prompt));
        for (String v : values) {
            if (!PROMPTS.contains(v)) {
                throw reject.with(OAuthError.INVALID_REQUEST, "a prompt value is not supported; use none, login, consent or select_account");
            }
        }
        if (values.contains("none") && values.size() > 1) {
            throw reject.with(OAuthError.INVALID_REQUEST, "prompt none must not be combined with other values (OIDC Core section 3.1.2.1)");
        }
        return values;
    }

    private static Integer maxAge(String maxAge, Rejection reject) {
        if (maxAge == null) {
            return null;
        }
        if (MAX_AGE.matcher(maxAge).matches()) {
            return Integer.valueOf(maxAge);
        }
        throw reject.with(OAuthError.INVALID_REQUEST, "max_age must be a non-negative whole number of seconds");
    }

    /**
     * The {@code claims} parameter (OIDC Core section 5.5), checked, limited to claims the client's scopes may release
     * and put in compact form; an essential {@code acr} no Cell login can meet fails the request as authentication
     * would (section 5.5.1.1).
     */
    private static String claims(String claims, Client client, Rejection reject) {
        ClaimsRequest request;
        try {
            request = ClaimsRequest.parse(claims);
        } catch (OAuthException e) {
            throw reject.with(e.error(), e.description());
        }
        if (!Acr.satisfies(request)) {
            throw reject.with(OAuthError.ACCESS_DENIED, "no acr value Cell supports meets the essential acr claim; supported: "
                    + String.join(" ", Acr.SUPPORTED));
        }
        ClaimsRequest allowed = request.limitedTo(client.scopes());
        return allowed.isEmpty() ? null : allowed.toJson();
    }

    /** The {@code dpop_jkt} (RFC 9449 §10): a base64url SHA-256 JWK thumbprint (RFC 7638), 43 characters. */
    private static String dpopJkt(String jkt, Rejection reject) {
        if (jkt != null && !DPOP_JKT.matcher(jkt).matches()) {
            throw reject.with(OAuthError.INVALID_REQUEST, "dpop_jkt must be the base64url SHA-256 thumbprint of a JWK (RFC 9449 section 10)");
        }
        return jkt;
    }

    /** The {@code resource} values (RFC 8707 §2), each one the client may request; refused with {@code invalid_target}. */
    private static List<String> resources(Client client, String resource, Rejection reject) {
        try {
            return Resources.allowed(client, resource);
        } catch (OAuthException e) {
            throw reject.with(e.error(), e.description());
        }
    }

    /** The {@code acr_values} (OIDC Core section 3.1.2.1), bounded because the request is stored until it completes. */
    private static List<String> acrValues(String acrValues, Rejection reject) {
        if (acrValues != null && acrValues.length() > MAX_ACR_VALUES) {
            throw reject.with(OAuthError.INVALID_REQUEST, "acr_values is longer than " + MAX_ACR_VALUES + " characters");
        }
        return words(acrValues);
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().split(" +"));
    }

    /** Builds redirect errors for the proven redirect URI in the request's response mode, carrying its state back unchanged. */
    private record Rejection(String redirectUri, String state, ResponseMode responseMode) {
        AuthorizationRedirectException with(OAuthError error, String description) {
            return new AuthorizationRedirectException(error, description, redirectUri, state, responseMode);
        }
    }
}
