package dev.cell.resource;

import java.net.URI;

/**
 * The library's entry point: checks the bearer token of a request (RFC 6750 §2.1) against one issuer, locally as an RFC 9068
 * JWT or by RFC 7662 introspection, and renders refusals as RFC 6750 §3 challenges. Thread-safe; build one per issuer.
 */
public final class ResourceServer {
    private final TokenVerifier verifier;
    private final int maxTokenLength;
    private final String realm;

    ResourceServer(TokenVerifier verifier, int maxTokenLength, String realm) {
        this.verifier = verifier;
        this.maxTokenLength = maxTokenLength;
        this.realm = realm;
    }

    /** Starts the configuration for tokens of this issuer (its metadata is found under {@code /.well-known/}, RFC 8414 §3). */
    public static ResourceServerBuilder forIssuer(String issuer) {
        return new ResourceServerBuilder(URI.create(issuer));
    }

    /** The principal of a request's {@code Authorization} header value (null when absent); throws {@link TokenException} otherwise. */
    public TokenPrincipal authenticate(String authorizationHeader) {
        return verifier.verify(BearerToken.from(authorizationHeader, maxTokenLength));
    }

    /** The principal of a bare access token; throws {@link TokenException} when it is refused. */
    public TokenPrincipal verify(String accessToken) {
        return verifier.verify(BearerToken.check(accessToken, maxTokenLength));
    }

    /** The {@code WWW-Authenticate} value for a refusal (RFC 6750 §3), or null when the authorization server failed (503). */
    public String challenge(TokenException refusal) {
        return BearerChallenge.of(refusal, realm);
    }
}
