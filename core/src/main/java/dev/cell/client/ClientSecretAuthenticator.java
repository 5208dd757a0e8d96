package dev.cell.client;

/** {@code client_secret_basic} and {@code client_secret_post} (RFC 6749 §2.3.1): the secret matches the stored SHA-256. */
public final class ClientSecretAuthenticator implements ClientAuthenticator {
    private final ClientAuthMethod method;

    public ClientSecretAuthenticator(ClientAuthMethod method) {
        if (method != ClientAuthMethod.CLIENT_SECRET_BASIC && method != ClientAuthMethod.CLIENT_SECRET_POST) {
            throw new IllegalArgumentException("not a secret method: " + method);
        }
        this.method = method;
    }

    @Override
    public ClientAuthMethod method() {
        return method;
    }

    @Override
    public boolean verify(Client client, PresentedCredentials credentials) {
        return ClientSecrets.matches(credentials.secret(), client.secretHash());
    }
}
