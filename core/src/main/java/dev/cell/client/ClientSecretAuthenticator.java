package dev.cell.client;

import java.time.Clock;

/**
 * {@code client_secret_basic} and {@code client_secret_post} (RFC 6749 §2.3.1): the secret matches the stored SHA-256, or,
 * during a rotation's grace period, the SHA-256 of the secret it replaced.
 */
public final class ClientSecretAuthenticator implements ClientAuthenticator {
    private final ClientAuthMethod method;
    private final Clock clock;

    /** @param clock tells when a replaced secret's grace period is over */
    public ClientSecretAuthenticator(ClientAuthMethod method, Clock clock) {
        if (method != ClientAuthMethod.CLIENT_SECRET_BASIC && method != ClientAuthMethod.CLIENT_SECRET_POST) {
            throw new IllegalArgumentException("not a secret method: " + method);
        }
        this.method = method;
        this.clock = clock;
    }

    @Override
    public ClientAuthMethod method() {
        return method;
    }

    @Override
    public boolean verify(Client client, PresentedCredentials credentials) {
        boolean current = ClientSecrets.matches(credentials.secret(), client.secretHash());
        boolean previous = client.previousSecretHash() != null && client.previousSecretExpiresAt() != null
                && clock.instant().isBefore(client.previousSecretExpiresAt())
                && ClientSecrets.matches(credentials.secret(), client.previousSecretHash());
        return current || previous;
    }
}
