package dev.cell.client;

import dev.cell.assertion.AssertionAlgorithms;
import dev.cell.error.OAuthException;
import java.util.List;

/** {@code private_key_jwt} (OIDC Core §9, RFC 7523 §2.2): an assertion signed by a key in the client's {@code jwks} or at its {@code jwks_uri}. */
public final class PrivateKeyJwtAuthenticator implements ClientAuthenticator {
    private final ClientAssertionVerifier verifier;
    private final ClientKeys keys;

    public PrivateKeyJwtAuthenticator(ClientAssertionVerifier verifier, ClientKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
    }

    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.PRIVATE_KEY_JWT;
    }

    @Override
    public List<String> signingAlgs() {
        return AssertionAlgorithms.names(AssertionAlgorithms.ASYMMETRIC);
    }

    @Override
    public boolean verify(Client client, PresentedCredentials credentials) {
        verifier.verify(client, ClientAssertion.parse(credentials.assertion()), AssertionAlgorithms.ASYMMETRIC,
                jwt -> keys.verify(jwt, client, OAuthException::invalidClient));
        return true;
    }
}
