package dev.cell.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPTokenRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPNonceException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.cell.error.Challenge;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks DPoP proofs (RFC 9449 §4.3) with the Nimbus SDK's verifiers: one {@code DPoP} header, {@code typ}
 * {@code dpop+jwt}, an allowed asymmetric algorithm, a public {@code jwk}, the signature, {@code htm} and {@code htu},
 * {@code iat} within the window, a {@code jti} not seen before (in the shared database), the server nonce when
 * required, and at a resource {@code ath} and the token's {@code cnf.jkt}.
 */
public final class DPoPVerifier {
    /** The request header carrying the proof (RFC 9449 §4.1). */
    public static final String HEADER = "DPoP";
    /** The response header carrying a server nonce (RFC 9449 §8.1). */
    public static final String NONCE_HEADER = "DPoP-Nonce";
    /** The longest proof accepted: a proof carries one public key, so anything longer is not one. */
    static final int MAX_PROOF_LENGTH = 8192;

    private final Set<JWSAlgorithm> algorithms;
    private final long maxAgeSeconds;
    private final long clockSkewSeconds;
    private final SingleUseChecker<DPoPProofUse> replay;
    private final DPoPNonces nonces;
    private final Map<URI, DPoPTokenRequestVerifier> tokenVerifiers = new ConcurrentHashMap<>();
    private final DPoPProtectedResourceRequestVerifier resourceVerifier;

    /** @param nonces the server nonces every proof must carry, or null when nonces are not required */
    public DPoPVerifier(List<String> algorithms, Duration maxAge, Duration clockSkew, SingleUseChecker<DPoPProofUse> replay,
            DPoPNonces nonces) {
        this.algorithms = algorithms.stream().map(JWSAlgorithm::parse).collect(Collectors.toCollection(LinkedHashSet::new));
        this.maxAgeSeconds = maxAge.toSeconds();
        this.clockSkewSeconds = clockSkew.toSeconds();
        this.replay = replay;
        this.nonces = nonces;
        this.resourceVerifier = new DPoPProtectedResourceRequestVerifier(this.algorithms, clockSkewSeconds, maxAgeSeconds, replay);
    }

    /** The proof algorithms accepted, for discovery ({@code dpop_signing_alg_values_supported}) and challenges. */
    public List<String> algorithms() {
        return algorithms.stream().map(JWSAlgorithm::getName).toList();
    }

    /** The nonce to send now in {@code DPoP-Nonce}, or null when nonces are not required. */
    public String currentNonce() {
        return nonces == null ? null : nonces.current();
    }

    /**
     * The verified proof of a request to the token endpoint or PAR (RFC 9449 §5), or null when it carries none.
     *
     * @param endpoint the endpoint's URL, which {@code htu} must name; the method is POST
     * @param clientId the authenticated client, within whose proofs each {@code jti} is used once
     * @throws OAuthException {@code invalid_dpop_proof}, or {@code use_dpop_nonce} with a fresh {@code DPoP-Nonce}
     */
    public DPoPProof verifyTokenRequest(URI endpoint, String clientId, List<String> headerValues) {
        SignedJWT proof = single(headerValues, false);
        if (proof == null) {
            return null;
        }
        DPoPTokenRequestVerifier verifier = tokenVerifiers.computeIfAbsent(endpoint,
                e -> new DPoPTokenRequestVerifier(algorithms, e, clockSkewSeconds, maxAgeSeconds, replay));
        try {
            JWKThumbprintConfirmation cnf = verifier.verify(new DPoPIssuer(clientId), proof, acceptedNonces());
            return new DPoPProof(cnf.getValue().toString());
        } catch (InvalidDPoPNonceException e) {
            throw useNonce(false);
        } catch (InvalidDPoPProofException | JOSEException | RuntimeException e) {
            throw invalidProof(reason(e), false);
        }
    }

    /**
     * Checks the proof of a request to a protected resource with a DPoP-bound token (RFC 9449 §7.1): the proof's key must
     * be the one the token is bound to, and {@code ath} the hash of this token.
     *
     * @param jkt the thumbprint the token is bound to ({@code cnf.jkt})
     * @throws OAuthException 401 with a {@code DPoP} challenge: {@code invalid_dpop_proof}, {@code use_dpop_nonce} or
     *     {@code invalid_token}
     */
    public void verifyResourceRequest(String method, URI uri, String clientId, List<String> headerValues, String accessToken,
            String jkt) {
        SignedJWT proof = single(headerValues, true);
        if (proof == null) {
            throw invalidProof("a DPoP-bound access token needs a DPoP proof (RFC 9449 section 7.1)", true);
        }
        try {
            resourceVerifier.verify(method, uri, new DPoPIssuer(clientId), proof, new DPoPAccessToken(accessToken),
                    new JWKThumbprintConfirmation(new Base64URL(jkt)), acceptedNonces(), null);
        } catch (InvalidDPoPNonceException e) {
            throw useNonce(true);
        } catch (AccessTokenValidationException e) {
            if (e.getMessage() != null && e.getMessage().contains("ath")) {
                throw invalidProof("the proof's ath is not the hash of this access token (RFC 9449 section 4.3)", true);
            }
            throw new OAuthException(OAuthError.INVALID_TOKEN, "the access token is bound to another key than the proof's", 401)
                    .withChallenges(List.of(challenge()));
        } catch (InvalidDPoPProofException | JOSEException | RuntimeException e) {
            throw invalidProof(reason(e), true);
        }
    }

    /** The {@code DPoP} challenge a protected resource answers with (RFC 9449 §7.1). */
    public Challenge challenge() {
        return Challenge.dpop(algorithms(), true);
    }

    /** The one proof of the request, parsed; null when there is none. */
    private SignedJWT single(List<String> headerValues, boolean atResource) {
        if (headerValues.isEmpty()) {
            return null;
        }
        if (headerValues.size() > 1) {
            throw invalidProof("the request has more than one DPoP header (RFC 9449 section 4.3)", atResource);
        }
        String value = headerValues.get(0);
        if (value.length() > MAX_PROOF_LENGTH) {
            throw invalidProof("the DPoP proof is longer than " + MAX_PROOF_LENGTH + " characters", atResource);
        }
        try {
            return SignedJWT.parse(value);
        } catch (ParseException | RuntimeException e) {
            throw invalidProof("the DPoP proof is not a signed JWT (RFC 9449 section 4.2)", atResource);
        }
    }

    private Set<Nonce> acceptedNonces() {
        return nonces == null ? null : nonces.accepted().stream().map(Nonce::new).collect(Collectors.toSet());
    }

    private OAuthException useNonce(boolean atResource) {
        OAuthException e = new OAuthException(OAuthError.USE_DPOP_NONCE,
                "the DPoP proof must carry the nonce of the DPoP-Nonce header (RFC 9449 section 8)", atResource ? 401 : 400)
                .withHeader(NONCE_HEADER, nonces.current());
        return atResource ? e.withChallenges(List.of(challenge())) : e;
    }

    private OAuthException invalidProof(String description, boolean atResource) {
        OAuthException e = new OAuthException(OAuthError.INVALID_DPOP_PROOF, description, atResource ? 401 : 400);
        return atResource ? e.withChallenges(List.of(challenge())) : e;
    }

    /** The SDK's reason, which names the failed check and never echoes the proof's key material. */
    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "the DPoP proof is invalid (RFC 9449 section 4.3)" : m;
    }
}
