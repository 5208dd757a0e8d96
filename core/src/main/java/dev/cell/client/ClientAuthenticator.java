package dev.cell.client;

/** Verifies one client authentication method (RFC 6749 §2.3, OIDC Core §9). */
public interface ClientAuthenticator {
    ClientAuthMethod method();

    /** True if the presented credentials prove the identity of {@code client}. */
    boolean verify(Client client, PresentedCredentials credentials);
}
