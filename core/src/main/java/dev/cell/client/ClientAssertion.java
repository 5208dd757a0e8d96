package dev.cell.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.error.OAuthException;
import java.text.ParseException;

/**
 * A client assertion as presented (RFC 7521 §4.2, RFC 7523 §2.2), parsed but not yet verified: its {@code sub} names the
 * client and its algorithm the method (an HMAC means {@code client_secret_jwt}, a signature {@code private_key_jwt}, OIDC Core §9).
 */
public record ClientAssertion(SignedJWT jwt, JWTClaimsSet claims) {
    /** The only {@code client_assertion_type} (RFC 7523 §2.2). */
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** Parses a signed JWT; anything else ({@code alg: none} included) is {@code invalid_client}. */
    public static ClientAssertion parse(String value) {
        try {
            SignedJWT jwt = SignedJWT.parse(value);
            return new ClientAssertion(jwt, jwt.getJWTClaimsSet());
        } catch (ParseException | RuntimeException e) {
            throw OAuthException.invalidClient("client_assertion is not a signed JWT (RFC 7523 section 2.2)");
        }
    }

    /** What a request presents with {@code client_assertion}; a {@code client_id} beside it must name the same client (RFC 7521 §4.2). */
    static PresentedCredentials presented(String assertion, String assertionType, String formClientId) {
        if (!TYPE.equals(assertionType)) {
            throw OAuthException.invalidClient("client_assertion_type must be " + TYPE);
        }
        if (assertion == null || assertion.isEmpty()) {
            throw OAuthException.invalidClient("client_assertion is missing");
        }
        ClientAssertion parsed = parse(assertion);
        String clientId = parsed.claims().getSubject();
        if (clientId == null || clientId.isEmpty()) {
            throw OAuthException.invalidClient("the client assertion has no sub (RFC 7523 section 3)");
        }
        if (formClientId != null && !formClientId.equals(clientId)) {
            throw OAuthException.invalidClient("client_id does not match the client assertion's sub");
        }
        return new PresentedCredentials(parsed.method(), clientId, null, assertion);
    }

    /** The method the algorithm implies. */
    public ClientAuthMethod method() {
        return JWSAlgorithm.Family.HMAC_SHA.contains(jwt.getHeader().getAlgorithm())
                ? ClientAuthMethod.CLIENT_SECRET_JWT
                : ClientAuthMethod.PRIVATE_KEY_JWT;
    }
}
