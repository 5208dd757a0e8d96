package dev.cell.resource;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Configures a {@link ResourceServer}; every setting but the audience has a safe default. */
public final class ResourceServerBuilder {
    /** What the library can check with a public key; HMAC and {@code none} are never among them. */
    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Metadata and JWK Sets are small; a larger answer is refused rather than read. */
    private static final int MAX_RESPONSE_BYTES = 512 * 1024;
    private static final int INTROSPECTION_CACHE_ENTRIES = 10_000;

    private final URI issuer;
    private String audience;
    private Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration httpTimeout = Duration.ofSeconds(5);
    private Duration jwksTtl = Duration.ofMinutes(5);
    private Duration jwksMinRefetchInterval = Duration.ofSeconds(30);
    private int maxTokenLength = 8192;
    private String realm;
    private String clientId;
    private String clientSecret;
    private Duration introspectionCacheBound = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private Set<JWSAlgorithm> dpopAlgorithms = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256);
    private Duration dpopProofMaxAge = Duration.ofSeconds(60);
    private boolean advertiseMetadata;
    private List<String> scopesSupported = List.of();

    ResourceServerBuilder(URI issuer) {
        if (!"https".equals(issuer.getScheme()) && !"http".equals(issuer.getScheme())) {
            throw new IllegalArgumentException("the issuer must be an http(s) URL: " + issuer);
        }
        this.issuer = issuer;
    }

    /** This resource server's identifier, which must appear in the tokens' {@code aud} (RFC 9068 §4). Required. */
    public ResourceServerBuilder audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** The JWS algorithms accepted (default RS256 and ES256): RSA or ECDSA only, never HMAC or {@code none}. */
    public ResourceServerBuilder algorithms(String... names) {
        Set<JWSAlgorithm> wanted = new java.util.HashSet<>();
        for (String name : names) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (!SUPPORTED.contains(alg)) {
                throw new IllegalArgumentException("algorithm " + name + " is not accepted: only RSA and ECDSA signatures are (never HMAC or none)");
            }
            wanted.add(alg);
        }
        this.algorithms = Set.copyOf(wanted);
        return this;
    }

    /** Tolerance for {@code exp} and {@code nbf} (default 60 s). */
    public ResourceServerBuilder clockSkew(Duration skew) {
        this.clockSkew = skew;
        return this;
    }

    /** Deadline for each whole call to the authorization server: connect, answer and body (default 5 s). */
    public ResourceServerBuilder httpTimeout(Duration timeout) {
        this.httpTimeout = timeout;
        return this;
    }

    /** How long the JWK Set is kept before it is fetched again (default 5 min). */
    public ResourceServerBuilder jwksTtl(Duration ttl) {
        this.jwksTtl = ttl;
        return this;
    }

    /** The least time between two JWK Set fetches, also for unknown key ids (default 30 s). */
    public ResourceServerBuilder jwksMinRefetchInterval(Duration interval) {
        this.jwksMinRefetchInterval = interval;
        return this;
    }

    /** Longer bearer tokens are refused unparsed (default 8192 characters). */
    public ResourceServerBuilder maxTokenLength(int length) {
        this.maxTokenLength = length;
        return this;
    }

    /** The {@code realm} of the challenges (RFC 6750 §3; default: the audience). */
    public ResourceServerBuilder realm(String realm) {
        this.realm = realm;
        return this;
    }

    /**
     * Checks tokens by introspection (RFC 7662) at the issuer's advertised {@code introspection_endpoint}, authenticating as
     * this client, instead of locally as JWTs.
     */
    public ResourceServerBuilder introspection(String clientId, String clientSecret) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        return this;
    }

    /** The longest an introspection answer is reused (default 1 min); never past the token's {@code exp}. */
    public ResourceServerBuilder introspectionCacheBound(Duration bound) {
        this.introspectionCacheBound = bound;
        return this;
    }

    /** The clock for {@code exp}, {@code nbf} and the caches (default: system UTC). */
    public ResourceServerBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The DPoP proof algorithms accepted (default ES256, PS256, RS256): RSA or ECDSA only (RFC 9449 §4.3). */
    public ResourceServerBuilder dpopAlgorithms(String... names) {
        Set<JWSAlgorithm> wanted = new java.util.HashSet<>();
        for (String name : names) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (!SUPPORTED.contains(alg)) {
                throw new IllegalArgumentException("algorithm " + name + " is not accepted for DPoP proofs: only RSA and ECDSA signatures are");
            }
            wanted.add(alg);
        }
        this.dpopAlgorithms = Set.copyOf(wanted);
        return this;
    }

    /** How old a DPoP proof's {@code iat} may be (default 60 s; {@code clockSkew} is allowed on top, RFC 9449 §11.1). */
    public ResourceServerBuilder dpopProofMaxAge(Duration maxAge) {
        this.dpopProofMaxAge = maxAge;
        return this;
    }

    /**
     * Names this resource's metadata URL in every challenge ({@code resource_metadata}, RFC 9728 §5.1); serve
     * {@link ResourceServer#metadataJson()} there. Needs an audience that is a URL.
     */
    public ResourceServerBuilder advertiseResourceMetadata() {
        this.advertiseMetadata = true;
        return this;
    }

    /**
     * The scopes this resource understands, listed as {@code scopes_supported} in its metadata (RFC 9728 §2); MCP clients
     * ask for these when a challenge names none. Default: none listed.
     */
    public ResourceServerBuilder scopesSupported(String... scopes) {
        for (String scope : scopes) {
            if (scope.isEmpty() || !scope.chars().allMatch(c -> c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E)) {
                throw new IllegalArgumentException("not a scope token (RFC 6749 section 3.3): " + scope);
            }
        }
        this.scopesSupported = List.of(scopes);
        return this;
    }

    public ResourceServer build() {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("set the audience: tokens must name this resource server in aud (RFC 9068 §4)");
        }
        JsonHttp http = new JsonHttp(httpTimeout, MAX_RESPONSE_BYTES);
        IssuerMetadata metadata = new IssuerMetadata(issuer, http);
        TokenVerifier verifier = clientId != null
                ? new IntrospectionTokenVerifier(issuer.toString(), audience, () -> metadata.endpoint("introspection_endpoint"), clientId,
                        clientSecret, http, INTROSPECTION_CACHE_ENTRIES, introspectionCacheBound, clockSkew, clock)
                : new JwtTokenVerifier(issuer.toString(), audience, algorithms,
                        new RemoteJwks(() -> metadata.endpoint("jwks_uri"), http, jwksTtl, jwksMinRefetchInterval, clock), clockSkew, clock);
        ProtectedResourceMetadata resourceMetadata = new ProtectedResourceMetadata(audience, issuer, scopesSupported, dpopAlgorithms);
        if (advertiseMetadata && resourceMetadata.url() == null) {
            throw new IllegalStateException("advertiseResourceMetadata needs an audience that is a URL (RFC 9728 section 3.1)");
        }
        return new ResourceServer(verifier, maxTokenLength, realm == null ? audience : realm,
                new DPoPProofCheck(dpopAlgorithms, dpopProofMaxAge, clockSkew, clock), resourceMetadata, advertiseMetadata);
    }
}
