package dev.cell.resource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the DPoP proof of a request to this resource (RFC 9449 §4.3, §7.1) with Nimbus JOSE+JWT: one proof, {@code typ}
 * {@code dpop+jwt}, an allowed asymmetric algorithm, a public {@code jwk} that verifies the signature and whose
 * thumbprint is the token's {@code cnf.jkt}, {@code htm} and {@code htu} naming this request, {@code iat} within the
 * window, {@code ath} the hash of this token, and a {@code jti} not seen before on this node (a bounded memory).
 */
final class DPoPProofCheck {
    private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");
    private static final int MAX_PROOF_LENGTH = 8192;
    private static final int MAX_REMEMBERED = 100_000;

    private final Set<JWSAlgorithm> algorithms;
    private final Duration maxAge;
    private final Duration skew;
    private final Clock clock;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    DPoPProofCheck(Set<JWSAlgorithm> algorithms, Duration maxAge, Duration skew, Clock clock) {
        this.algorithms = Set.copyOf(algorithms);
        this.maxAge = maxAge;
        this.skew = skew;
        this.clock = clock;
    }

    Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /** Throws {@link TokenError#INVALID_DPOP_PROOF} unless the proof passes every check for this request and token. */
    void check(List<String> proofs, String method, URI requestUri, String accessToken, String jkt) {
        if (proofs.size() != 1) {
            throw invalid(proofs.isEmpty() ? "a DPoP-bound token needs a DPoP proof" : "the request has more than one DPoP header");
        }
        String value = proofs.get(0);
        if (value == null || value.length() > MAX_PROOF_LENGTH) {
            throw invalid("the DPoP proof is missing or too long");
        }
        SignedJWT proof;
        JWTClaimsSet claims;
        try {
            proof = SignedJWT.parse(value);
            claims = proof.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the DPoP proof is not a signed JWT");
        }
        if (!TYPE.equals(proof.getHeader().getType())) {
            throw invalid("the DPoP proof's typ is not dpop+jwt");
        }
        if (!algorithms.contains(proof.getHeader().getAlgorithm())) {
            throw invalid("the DPoP proof's algorithm is not accepted");
        }
        JWK key = proof.getHeader().getJWK();
        if (key == null || key.isPrivate()) {
            throw invalid("the DPoP proof's jwk is missing or not a public key");
        }
        if (!verifies(proof, key)) {
            throw invalid("the DPoP proof's signature does not verify with its jwk");
        }
        if (!thumbprint(key).equals(jkt)) {
            throw new TokenException(TokenError.WRONG_KEY, "the access token is bound to another key than the proof's");
        }
        if (!method.equalsIgnoreCase(string(claims, "htm"))) {
            throw invalid("the DPoP proof's htm is not this request's method");
        }
        String htu = string(claims, "htu");
        if (htu == null || !base(htu).equals(base(requestUri.toString()))) {
            throw invalid("the DPoP proof's htu is not this request's URL");
        }
        if (!ath(accessToken).equals(string(claims, "ath"))) {
            throw invalid("the DPoP proof's ath is not the hash of this access token");
        }
        Date iat = claims.getIssueTime();
        Instant now = clock.instant();
        if (iat == null || iat.toInstant().isBefore(now.minus(maxAge).minus(skew)) || iat.toInstant().isAfter(now.plus(skew))) {
            throw invalid("the DPoP proof's iat is missing or outside the accepted window");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 256) {
            throw invalid("the DPoP proof's jti is missing or too long");
        }
        if (!firstUse(jkt + " " + jti, now)) {
            throw invalid("the DPoP proof was already used");
        }
    }

    /** Remembers the jti until the proof would be too old anyway; the oldest entries go first when the bound is reached. */
    private synchronized boolean firstUse(String key, Instant now) {
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
            if (!it.next().isBefore(now) && seen.size() < MAX_REMEMBERED) {
                break;
            }
            it.remove();
        }
        return seen.putIfAbsent(key, now.plus(maxAge).plus(skew.multipliedBy(2))) == null;
    }

    private static boolean verifies(SignedJWT proof, JWK key) {
        try {
            JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : null;
            return verifier != null && proof.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw invalid("the DPoP proof's jwk has no thumbprint");
        }
    }

    /** {@code ath}: the base64url SHA-256 of the ASCII access token (RFC 9449 §4.2). */
    static String ath(String accessToken) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The URL without query and fragment, scheme and host in lower case, default port dropped (RFC 9449 §4.3 item 9). */
    private static String base(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() == 80 && scheme.equals("http") || u.getPort() == 443 && scheme.equals("https") ? -1 : u.getPort();
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host + (port < 0 ? "" : ":" + port) + (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    private static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    private static TokenException invalid(String description) {
        return new TokenException(TokenError.INVALID_DPOP_PROOF, description);
    }
}
