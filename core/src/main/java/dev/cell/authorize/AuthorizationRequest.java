package dev.cell.authorize;

import dev.cell.oidc.ClaimsRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, OIDC Core §3.1.2.1).
 *
 * @param redirectUri the redirect URI the response goes to: the one given, or the only registered one when omitted
 * @param redirectUriGiven whether the request carried {@code redirect_uri} (then the token request must repeat it, RFC 6749 §4.1.3)
 * @param responseMode how the response (and any later error) reaches the client: given, or the response type's default
 * @param prompt the {@code prompt} values (none, login, consent, select_account)
 * @param maxAge {@code max_age} in seconds, or null
 * @param claims the {@code claims} parameter (OIDC Core section 5.5) in the compact form of {@link ClaimsRequest#toJson()}, or null
 * @param acrValues the {@code acr_values} (OIDC Core section 3.1.2.1)
 * @param resources the {@code resource} values (RFC 8707 §2), each one the client may request; empty when none was sent
 * @param dpopJkt the {@code dpop_jkt} (RFC 9449 §10): the thumbprint of the DPoP key the code is bound to, or null
 */
public record AuthorizationRequest(
        String clientId,
        String redirectUri,
        boolean redirectUriGiven,
        String responseType,
        ResponseMode responseMode,
        Set<String> scopes,
        String state,
        String nonce,
        String codeChallenge,
        String codeChallengeMethod,
        Set<String> prompt,
        Integer maxAge,
        String loginHint,
        List<String> uiLocales,
        String claims,
        List<String> acrValues,
        List<String> resources,
        String dpopJkt) {

    public AuthorizationRequest {
        scopes = Set.copyOf(scopes);
        prompt = Set.copyOf(prompt);
        uiLocales = List.copyOf(uiLocales);
        acrValues = List.copyOf(acrValues);
        resources = List.copyOf(resources);
    }

    /** A request without {@code dpop_jkt}. */
    public AuthorizationRequest(String clientId, String redirectUri, boolean redirectUriGiven, String responseType, ResponseMode responseMode,
            Set<String> scopes, String state, String nonce, String codeChallenge, String codeChallengeMethod, Set<String> prompt,
            Integer maxAge, String loginHint, List<String> uiLocales, String claims, List<String> acrValues, List<String> resources) {
        this(clientId, redirectUri, redirectUriGiven, responseType, responseMode, scopes, state, nonce, codeChallenge, codeChallengeMethod,
                prompt, maxAge, loginHint, uiLocales, claims, acrValues, resources, null);
    }

    /** A request without {@code resource}. */
    public AuthorizationRequest(String clientId, String redirectUri, boolean redirectUriGiven, String responseType, ResponseMode responseMode,
            Set<String> scopes, String state, String nonce, String codeChallenge, String codeChallengeMethod, Set<String> prompt,
            Integer maxAge, String loginHint, List<String> uiLocales, String claims, List<String> acrValues) {
        this(clientId, redirectUri, redirectUriGiven, responseType, responseMode, scopes, state, nonce, codeChallenge, codeChallengeMethod,
                prompt, maxAge, loginHint, uiLocales, claims, acrValues, List.of(), null);
    }

    public boolean isOpenId() {
        return scopes.contains("openid");
    }

    /** The parsed {@code claims} parameter (OIDC Core section 5.5). */
    public ClaimsRequest claimsRequest() {
        return ClaimsRequest.parse(claims);
    }

    /** A legacy implicit request: tokens go straight to the fragment, no code (RFC 6749 §4.2). */
    public boolean isImplicit() {
        return !responseType.equals("code");
    }

    /**
     * The same request narrowed to the scopes the user approved (RFC 6749 §3.3: the server may grant fewer), among
     * {@link #consentScopes()}; claims requested one by one keep only those whose scope was approved.
     */
    public AuthorizationRequest withScopes(Set<String> approved) {
        Set<String> kept = new LinkedHashSet<>(scopes);
        kept.retainAll(approved);
        String narrowed = claims == null ? null : claimsRequest().limitedTo(approved).toJson();
        return new AuthorizationRequest(clientId, redirectUri, redirectUriGiven, responseType, responseMode, kept, state, nonce, codeChallenge,
                codeChallengeMethod, prompt, maxAge, loginHint, uiLocales, narrowed, acrValues, resources, dpopJkt);
    }

    /** The scopes the user consents to: the requested ones and those of claims requested one by one (OIDC Core section 5.5). */
    public Set<String> consentScopes() {
        Set<String> out = new LinkedHashSet<>(scopes);
        out.addAll(claimsRequest().scopes());
        return out;
    }

    /** The request as string parameters, to keep it server-side in a {@link PendingAuthorization}. */
    public Map<String, String> toParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("redirect_uri", redirectUri);
        p.put("redirect_uri_given", Boolean.toString(redirectUriGiven));
        p.put("response_type", responseType);
        p.put("response_mode", responseMode.value());
        p.put("scope", String.join(" ", scopes));
        putIf(p, "state", state);
        putIf(p, "nonce", nonce);
        putIf(p, "code_challenge", codeChallenge);
        putIf(p, "code_challenge_method", codeChallengeMethod);
        putIf(p, "prompt", prompt.isEmpty() ? null : String.join(" ", prompt));
        putIf(p, "max_age", maxAge == null ? null : maxAge.toString());
        putIf(p, "login_hint", loginHint);
        putIf(p, "ui_locales", uiLocales.isEmpty() ? null : String.join(" ", uiLocales));
        putIf(p, "claims", claims);
        putIf(p, "acr_values", acrValues.isEmpty() ? null : String.join(" ", acrValues));
        putIf(p, "resource", resources.isEmpty() ? null : String.join(" ", resources));
        putIf(p, "dpop_jkt", dpopJkt);
        return p;
    }

    /** The inverse of {@link #toParameters()}. */
    public static AuthorizationRequest fromParameters(Map<String, String> p) {
        String scope = p.getOrDefault("scope", "");
        String prompt = p.get("prompt");
        String locales = p.get("ui_locales");
        String acr = p.get("acr_values");
        String resource = p.get("resource");
        return new AuthorizationRequest(p.get("client_id"), p.get("redirect_uri"), Boolean.parseBoolean(p.get("redirect_uri_given")),
                p.get("response_type"),
                ResponseMode.of(p.get("response_mode")).orElse(ResponseMode.defaultFor(p.get("response_type"))), scope.isEmpty() ? Set.of() : Set.of(scope.split(" ")), p.get("state"), p.get("nonce"),
                p.get("code_challenge"), p.get("code_challenge_method"), prompt == null ? Set.of() : Set.of(prompt.split(" ")),
                p.get("max_age") == null ? null : Integer.valueOf(p.get("max_age")), p.get("login_hint"),
                locales == null ? List.of() : List.of(locales.split(" ")), p.get("claims"), acr == null ? List.of() : List.of(acr.split(" ")),
                resource == null ? List.of() : List.of(resource.split(" ")), p.get("dpop_jkt"));
    }

    private static void putIf(Map<String, String> p, String k, String v) {
        if (v != null) {
            p.put(k, v);
        }
    }
}
