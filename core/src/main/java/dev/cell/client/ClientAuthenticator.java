package dev.cell.client;

import java.util.List;

/** Verifies one client authentication method (RFC 6749 §2.3, OIDC Core §9). */
public interface ClientAuthenticator {
    ClientAuthMethod method();

    /** The JWS algorithms this method accepts in client assertions, for discovery; empty for the secret and public methods. */
    default List<String> signingAlgs() {
        return List.of();
    }

    /** True if the presented credentials prove the identity of {@code client}. */
    boolean verify(Client client, PresentedCredentials credentials);
}
