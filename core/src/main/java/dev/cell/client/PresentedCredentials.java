package dev.cell.client;

/**
 * What a request presented to authenticate a client, after the method has been recognised.
 *
 * @param secret the client secret for the secret methods, else null
 * @param assertion the client assertion JWT for the JWT methods (RFC 7523 §2.2), else null
 */
public record PresentedCredentials(ClientAuthMethod method, String clientId, String secret, String assertion) {
    @Override
    public String toString() {
        return "PresentedCredentials[method=" + method + ", clientId=" + clientId + "]";
    }
}
