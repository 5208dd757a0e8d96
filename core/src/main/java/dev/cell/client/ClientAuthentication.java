package dev.cell.client;

import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises which one authentication method a request uses (RFC 6749 §2.3: never more than one), then
 * accepts it only if it is the method the client registered.
 */
public final class ClientAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);
    public static final String FAILED = "client authentication failed";
    /** Compared with a presented secret when no client's hash is at hand, so the answer takes as long as a real check. */
    private static final String UNMATCHED_HASH = ClientSecrets.hash("no client has this secret");

    private final ClientRegistry clients;
    private final Map<ClientAuthMethod, ClientAuthenticator> authenticators = new EnumMap<>(ClientAuthMethod.class);

    public ClientAuthentication(ClientRegistry clients, List<ClientAuthenticator> authenticators) {
        this.clients = clients;
        authenticators.forEach(a -> this.authenticators.put(a.method(), a));
    }

    /** The authentication methods this server accepts, for discovery. */
    public List<String> supportedMethods() {
        return authenticators.keySet().stream().map(ClientAuthMethod::value).toList();
    }

    /** The JWS algorithms accepted in client assertions (OIDC Core §9), for discovery. */
    public List<String> supportedSigningAlgs() {
        return authenticators.values().stream().flatMap(a -> a.signingAlgs().stream()).distinct().toList();
    }

    /**
     * @param basic credentials from the Authorization header, or null
     * @param form the request parameters
     */
    public Client authenticate(BasicCredentials basic, Map<String, String> form) {
        PresentedCredentials presented = recognise(basic, form);
        Client client = clients.find(presented.clientId()).orElse(null);
        ClientAuthenticator authenticator = client == null || client.authMethod() != presented.method() ? null
                : authenticators.get(presented.method());
        if (authenticator == null) {
            ClientSecrets.matches(presented.secret(), UNMATCHED_HASH);
            if (client == null) {
                LOG.info("client authentication failed: the client_id presented is not registered");
            } else {
                LOG.info("client authentication failed: client {} must use {}", client.clientId(), client.authMethod().value());
            }
            throw failed();
        }
        boolean verified;
        try {
            verified = authenticator.verify(client, presented);
        } catch (OAuthException e) {
            if (e.error() != OAuthError.INVALID_CLIENT) {
                throw e;
            }
            LOG.info("client authentication failed: client {}: {}", client.clientId(), e.description().replaceAll("\\p{Cntrl}", "?"));
            throw failed();
        }
        if (!verified) {
            LOG.info("client authentication failed: client {}: wrong credentials", client.clientId());
            throw failed();
        }
        return client;
    }

    /**
     * The one answer to every failed authentication of a client named in the request, whether it exists, what method it
     * registered and why its credentials failed: nothing tells which clients exist (RFC 6749 section 5.2). The reason goes
     * to the log.
     */
    private static OAuthException failed() {
        return OAuthException.invalidClient(FAILED);
    }

    private static PresentedCredentials recognise(BasicCredentials basic, Map<String, String> form) {
        String formId = form.get("client_id");
        String formSecret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        String assertionType = form.get("client_assertion_type");
        boolean asserted = assertion != null || assertionType != null;
        int methods = (basic != null ? 1 : 0) + (formSecret != null ? 1 : 0) + (asserted ? 1 : 0);
        if (methods > 1) {
            throw OAuthException.invalidRequest("more than one client authentication method was used (RFC 6749 section 2.3)");
        }
        if (basic != null) {
            if (formId != null && !formId.equals(basic.clientId())) {
                throw OAuthException.invalidClient("client_id does not match the Authorization header");
            }
            return new PresentedCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, basic.clientId(), basic.secret(), null);
        }
        if (asserted) {
            return ClientAssertion.presented(assertion, assertionType, formId);
        }
        if (formId == null || formId.isEmpty()) {
            throw OAuthException.invalidClient("client authentication is required");
        }
        if (formSecret != null) {
            return new PresentedCredentials(ClientAuthMethod.CLIENT_SECRET_POST, formId, formSecret, null);
        }
        return new PresentedCredentials(ClientAuthMethod.NONE, formId, null, null);
    }
}
