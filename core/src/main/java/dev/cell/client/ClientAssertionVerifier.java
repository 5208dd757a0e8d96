package dev.cell.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.assertion.AssertionAlgorithms;
import dev.cell.assertion.AssertionRules;
import dev.cell.error.OAuthException;
import java.util.List;

/**
 * Verifies a client assertion (RFC 7523 §3, OIDC Core §9): an accepted algorithm, {@code iss} and {@code sub} both the
 * client_id, the shared assertion rules, then the signature, and only then the {@code jti} is spent.
 */
public final class ClientAssertionVerifier {
    /** The signature check of one method, with that method's key material. */
    @FunctionalInterface
    public interface SignatureCheck {
        boolean verifies(SignedJWT jwt);
    }

    private final AssertionRules rules;

    public ClientAssertionVerifier(AssertionRules rules) {
        this.rules = rules;
    }

    /** Throws {@code invalid_client} unless the assertion proves {@code client}'s identity. */
    public void verify(Client client, ClientAssertion assertion, List<JWSAlgorithm> algorithms, SignatureCheck signature) {
        JWSAlgorithm alg = assertion.jwt().getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw OAuthException.invalidClient(client.authMethod().value() + " accepts the algorithms "
                    + AssertionAlgorithms.names(algorithms) + ", not " + alg);
        }
        String id = client.clientId();
        if (!id.equals(assertion.claims().getIssuer()) || !id.equals(assertion.claims().getSubject())) {
            throw OAuthException.invalidClient("iss and sub of the client assertion must both be the client_id (RFC 7523 section 3)");
        }
        rules.check(assertion.claims(), OAuthException::invalidClient);
        if (!signature.verifies(assertion.jwt())) {
            throw OAuthException.invalidClient("the client assertion's signature does not verify with the client's registered key");
        }
        rules.markUsed(id, assertion.claims(), OAuthException::invalidClient);
    }
}
