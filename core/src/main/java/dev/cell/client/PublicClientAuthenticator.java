package dev.cell.client;

/** Method {@code none}: a public client identifies itself by {@code client_id} only (RFC 6749 §2.1, §3.2.1). */
public final class PublicClientAuthenticator implements ClientAuthenticator {
    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.NONE;
    }

    @Override
    public boolean verify(Client client, PresentedCredentials credentials) {
        return !client.isConfidential();
    }
}
