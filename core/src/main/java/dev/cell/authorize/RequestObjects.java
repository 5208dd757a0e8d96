package dev.cell.authorize;

import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.assertion.AssertionAlgorithms;
import dev.cell.client.Client;
import dev.cell.client.ClientKeys;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.UsedJtiStore;
import dev.cell.token.Json;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request objects passed by value (RFC 9101 §5.1): a JWS signed with one of the client's registered keys ({@code jwks} or
 * {@code jwks_uri}, as for {@code private_key_jwt}) with an asymmetric algorithm Cell accepts, never {@code alg: none};
 * {@code iss} the client, {@code aud} the issuer, {@code exp} required and near, {@code nbf} passed, a {@code jti} used
 * once. Its claims are the request's only parameters (RFC 9101 §6.3); every failure is {@code invalid_request_object}.
 */
public final class RequestObjects {
    /** The longest lifetime accepted, {@code exp} minus {@code nbf} (or {@code iat}, or now), as FAPI 1.0 Advanced §5.2.2 bounds it. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(60);
    /** The longest request object read; the authorization endpoint's form and query limits usually stop it earlier. */
    static final int MAX_LENGTH = 64 * 1024;
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti", "sub");
    private static final String JTI_NAMESPACE = "request_object:";

    private final String issuer;
    private final ClientKeys keys;
    private final UsedJtiStore usedJtis;
    private final Duration clockSkew;
    private final Clock clock;

    /** @param clockSkew the tolerance for the client's clock when checking {@code exp}, {@code nbf} and {@code iat} */
    public RequestObjects(String issuer, ClientKeys keys, UsedJtiStore usedJtis, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.usedJtis = usedJtis;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** The signing algorithms accepted, for discovery ({@code request_object_signing_alg_values_supported}). */
    public static List<String> signingAlgs() {
        return AssertionAlgorithms.names(AssertionAlgorithms.ASYMMETRIC);
    }

    /**
     * The authorization request parameters of {@code request}, verified for {@code client}.
     *
     * @param outer the parameters the request object came with: only {@code client_id} of them counts, and must be the client
     */
    public Map<String, String> resolve(Client client, String request, Map<String, String> outer) {
        String outerClientId = outer.get("client_id");
        if (outerClientId != null && !outerClientId.isEmpty() && !outerClientId.equals(client.clientId())) {
            throw invalid("client_id does not match the client the request object is for");
        }
        SignedJWT jwt = signed(request);
        if (!AssertionAlgorithms.ASYMMETRIC.contains(jwt.getHeader().getAlgorithm())) {
            throw invalid("the request object's alg must be one of " + String.join(", ", signingAlgs()));
        }
        if (!keys.verify(jwt, client, d -> invalid("the request object cannot be verified: " + d))) {
            throw invalid("the request object's signature does not verify with the client's registered keys");
        }
        JWTClaimsSet claims = claims(jwt);
        checkClaims(client, claims);
        Map<String, String> parameters = parameters(claims);
        String innerClientId = parameters.get("client_id");
        if (innerClientId != null && !innerClientId.equals(client.clientId())) {
            throw invalid("the request object's client_id must be the client's (RFC 9101 section 6.3)");
        }
        parameters.put("client_id", client.clientId());
        markUsed(client, claims);
        return parameters;
    }

    private static SignedJWT signed(String request) {
        if (request.length() > MAX_LENGTH) {
            throw invalid("the request object is longer than " + MAX_LENGTH + " characters");
        }
        JOSEObject object;
        try {
            object = JOSEObject.parse(request);
        } catch (ParseException e) {
            throw invalid("the request object is not a JWT");
        }
        if (object instanceof PlainObject) {
            throw invalid("unsigned request objects (alg none) are refused; sign it with a registered key");
        }
        if (object instanceof JWEObject) {
            throw invalid("encrypted request objects are not supported; send it signed only");
        }
        try {
            return SignedJWT.parse(request);
        } catch (ParseException e) {
            throw invalid("the request object is not a signed JWT");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the request object's payload is not a JSON claims set");
        }
    }

    /** {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat} and the lifetime (RFC 9101 §4, §6.3; RFC 7519 §4.1). */
    private void checkClaims(Client client, JWTClaimsSet claims) {
        if (!client.clientId().equals(claims.getIssuer())) {
            throw invalid("the request object's iss must be the client_id");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(issuer)) {
            throw invalid("the request object's aud must be this server's issuer identifier " + issuer);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw invalid("the request object has no exp");
        }
        if (!exp.toInstant().plus(clockSkew).isAfter(now)) {
            throw invalid("the request object has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(clockSkew).isAfter(now)) {
            throw invalid("the request object is not valid yet (nbf)");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().minus(clockSkew).isAfter(now)) {
            throw invalid("the request object's iat is in the future");
        }
        Instant start = nbf != null ? nbf.toInstant() : iat != null ? iat.toInstant() : now;
        if (Duration.between(start, exp.toInstant()).compareTo(MAX_LIFETIME.plus(clockSkew)) > 0) {
            throw invalid("the request object lives longer than 60 minutes");
        }
        String jti = claims.getJWTID();
        if (jti != null && (jti.isEmpty() || jti.length() > 512)) {
            throw invalid("the request object's jti must have 1 to 512 characters");
        }
    }

    /** The claims other than the JWT's own, as parameters: strings as they are, numbers and JSON objects as JSON. */
    private static Map<String, String> parameters(JWTClaimsSet claims) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, Object> e : claims.getClaims().entrySet()) {
            String name = e.getKey();
            if (JWT_CLAIMS.contains(name)) {
                continue;
            }
            if (name.equals("request") || name.equals("request_uri")) {
                throw invalid("a request object must not contain " + name + " (RFC 9101 section 4)");
            }
            Object value = e.getValue();
            if (value instanceof String s) {
                out.put(name, s);
            } else if (value instanceof Number || value instanceof Map<?, ?>) {
                out.put(name, Json.MAPPER.valueToTree(value).toString());
            } else if (value != null) {
                throw invalid("the request object's " + (name.length() > 64 ? "claim" : name) + " must be a string");
            }
        }
        return out;
    }

    /** A request object with a {@code jti} is accepted once, on every node, until it expires. */
    private void markUsed(Client client, JWTClaimsSet claims) {
        String jti = claims.getJWTID();
        if (jti != null && !usedJtis.markUsed(JTI_NAMESPACE + client.clientId(), jti,
                claims.getExpirationTime().toInstant().plus(clockSkew))) {
            throw invalid("the request object's jti was already used; a request object is accepted once");
        }
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST_OBJECT, description);
    }
}
