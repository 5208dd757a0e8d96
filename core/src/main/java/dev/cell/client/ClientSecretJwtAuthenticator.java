package dev.cell.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.assertion.AssertionAlgorithms;
import dev.cell.keys.MasterKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code client_secret_jwt} (OIDC Core §9, RFC 7523 §2.2): an assertion MACed with the client secret. The MAC needs the
 * secret itself, so these clients' secrets are kept sealed under the master key rather than hashed.
 */
public final class ClientSecretJwtAuthenticator implements ClientAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSecretJwtAuthenticator.class);

    private final ClientAssertionVerifier verifier;
    private final MasterKey masterKey;

    public ClientSecretJwtAuthenticator(ClientAssertionVerifier verifier, MasterKey masterKey) {
        this.verifier = verifier;
        this.masterKey = masterKey;
    }

    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.CLIENT_SECRET_JWT;
    }

    @Override
    public List<String> signingAlgs() {
        return AssertionAlgorithms.names(AssertionAlgorithms.HMAC);
    }

    @Override
    public boolean verify(Client client, PresentedCredentials credentials) {
        verifier.verify(client, ClientAssertion.parse(credentials.assertion()), AssertionAlgorithms.HMAC, jwt -> macVerifies(client, jwt));
        return true;
    }

    /** The secret is the UTF-8 octets of client_secret (OIDC Core §16.19); a secret too short for the algorithm does not verify. */
    private boolean macVerifies(Client client, SignedJWT jwt) {
        if (client.secretEncrypted() == null) {
            return false;
        }
        String secret;
        try {
            secret = masterKey.open(client.secretEncrypted());
        } catch (IllegalArgumentException e) {
            LOG.warn("the secret of client {} cannot be opened with the master key: {}", client.clientId(), e.getMessage());
            return false;
        }
        try {
            return jwt.verify(new MACVerifier(secret));
        } catch (JOSEException e) {
            return false;
        }
    }
}
