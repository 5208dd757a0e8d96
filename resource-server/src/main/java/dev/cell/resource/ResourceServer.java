package dev.cell.resource;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The library's entry point: checks the bearer token of a request (RFC 6750 §2.1) against one issuer, locally as an RFC 9068
 * JWT or by RFC 7662 introspection, and renders refusals as RFC 6750 §3 challenges. Thread-safe; build one per issuer.
 */
public final class ResourceServer {
    private final TokenVerifier verifier;
    private final int maxTokenLength;
    private final String realm;
    private final DPoPProofCheck dpop;
    private final ProtectedResourceMetadata metadata;
    private final boolean advertiseMetadata;

    ResourceServer(TokenVerifier verifier, int maxTokenLength, String realm, DPoPProofCheck dpop, ProtectedResourceMetadata metadata,
            boolean advertiseMetadata) {
        this.verifier = verifier;
        this.maxTokenLength = maxTokenLength;
        this.realm = realm;
        this.dpop = dpop;
        this.metadata = metadata;
        this.advertiseMetadata = advertiseMetadata;
    }

    /** Starts the configuration for tokens of this issuer (its metadata is found under {@code /.well-known/}, RFC 8414 §3). */
    public static ResourceServerBuilder forIssuer(String issuer) {
        return new ResourceServerBuilder(URI.create(issuer));
    }

    /**
     * The principal of a request's {@code Authorization: Bearer} header value (null when absent); throws {@link TokenException}
     * otherwise, also for a DPoP-bound token, which is never accepted as a bearer token (RFC 9449 §7.2).
     */
    public TokenPrincipal authenticate(String authorizationHeader) {
        return bearer(verifier.verify(BearerToken.from(authorizationHeader, maxTokenLength)));
    }

    /**
     * The principal of a request with a {@code Bearer} or {@code DPoP} token (RFC 9449 §7.1): a DPoP-bound token ({@code cnf.jkt})
     * only with the {@code DPoP} scheme and a proof of its key for this request and token.
     *
     * @param dpopProofs the values of the request's {@code DPoP} header fields
     * @param method the request's HTTP method, which the proof's {@code htm} must name
     * @param requestUrl the request's URL as the client sent it (behind a proxy: the public one), which {@code htu} must name
     */
    public TokenPrincipal authenticate(String authorizationHeader, List<String> dpopProofs, String method, URI requestUrl) {
        BearerToken.Credential credential = BearerToken.credential(authorizationHeader, maxTokenLength);
        if (!credential.dpop()) {
            return bearer(verifier.verify(credential.token()));
        }
        try {
            TokenPrincipal principal = verifier.verify(credential.token());
            String jkt = jkt(principal);
            if (jkt == null) {
                throw new TokenException(TokenError.WRONG_TYPE, "the access token is not DPoP-bound; send it as a Bearer token");
            }
            dpop.check(dpopProofs, method, requestUrl, credential.token(), jkt);
            return principal;
        } catch (TokenException e) {
            throw e.status() == 503 ? e : e.asDPoP();
        }
    }

    /** The principal of a bare access token; throws {@link TokenException} when it is refused. */
    public TokenPrincipal verify(String accessToken) {
        return verifier.verify(BearerToken.check(accessToken, maxTokenLength));
    }

    /** The {@code WWW-Authenticate} value for a refusal (RFC 6750 §3), or null when the authorization server failed (503). */
    public String challenge(TokenException refusal) {
        List<String> all = challenges(refusal);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * Every {@code WWW-Authenticate} value for a refusal, one header field each: {@code DPoP} for a DPoP request or proof
     * (RFC 9449 §7.1), {@code Bearer} otherwise, and both when the request had no token; empty for a 503.
     */
    public List<String> challenges(TokenException refusal) {
        if (refusal.status() == 503) {
            return List.of();
        }
        String extra = advertiseMetadata ? ", resource_metadata=\"" + metadata.url() + "\"" : "";
        String dpopChallenge = BearerChallenge.dpop(refusal, realm, dpop.algorithms()) + extra;
        if (refusal.dpop()) {
            return List.of(dpopChallenge);
        }
        String bearer = BearerChallenge.of(refusal, realm) + extra;
        return refusal.error() == TokenError.MISSING_TOKEN ? List.of(bearer, dpopChallenge) : List.of(bearer);
    }

    /** This resource's metadata document (RFC 9728 §2), to serve at {@link #metadataUrl()}. */
    public String metadataJson() {
        return metadata.json();
    }

    /** Where this resource's metadata is served: {@code /.well-known/oauth-protected-resource} plus the resource's path (RFC 9728 §3.1). */
    public URI metadataUrl() {
        return metadata.url();
    }

    private static TokenPrincipal bearer(TokenPrincipal principal) {
        if (jkt(principal) != null) {
            throw new TokenException(TokenError.WRONG_KEY, "the access token is DPoP-bound: send it with the DPoP scheme and a proof");
        }
        return principal;
    }

    /** The {@code cnf.jkt} the token is bound to (RFC 9449 §6), or null. */
    private static String jkt(TokenPrincipal principal) {
        return principal.claims().get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt ? jkt : null;
    }
}
