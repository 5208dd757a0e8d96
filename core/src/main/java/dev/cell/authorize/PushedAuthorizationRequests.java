package dev.cell.authorize;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.PushedAuthorizationStore;
import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Pushed authorization requests (RFC 9126): a client's request is validated as at the authorization endpoint (§2.1),
 * stored under the hash of a 256-bit {@code request_uri} (§2.2, §7.1) and redeemed once, by that client only (§4).
 */
public final class PushedAuthorizationRequests {
    /** The URN namespace of the request_uri values Cell issues (RFC 9126 §2.2). */
    public static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";
    /** Longer than any request_uri Cell issues; a longer one is refused before any lookup. */
    private static final int MAX_REQUEST_URI = 128;

    private final PushedAuthorizationStore store;
    private final AuthorizationRequestValidator validator;
    private final RequestObjects requestObjects;
    private final boolean requireSigned;
    private final RandomValues random;
    private final Duration lifetime;
    private final int maxPerClient;
    private final Clock clock;

    /**
     * @param requestObjects request objects (RFC 9101), or null when that feature is off
     * @param requireSigned whether every client must send signed request objects ({@code require_signed_request_object})
     */
    public PushedAuthorizationRequests(PushedAuthorizationStore store, AuthorizationRequestValidator validator,
            RequestObjects requestObjects, boolean requireSigned, RandomValues random, Duration lifetime, int maxPerClient, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.requestObjects = requestObjects;
        this.requireSigned = requireSigned;
        this.random = random;
        this.lifetime = lifetime;
        this.maxPerClient = maxPerClient;
        this.clock = clock;
    }

    /** The PAR endpoint's answer (RFC 9126 §2.2). */
    public record Pushed(String requestUri, long expiresIn) {}

    /**
     * Validates and stores the authenticated client's request; errors are JSON errors (RFC 9126 §2.3), never redirects.
     *
     * @param form the form: the authorization request parameters, or a request object in {@code request} whose claims then
     *     are the only parameters (RFC 9126 §3, RFC 9101 §6.3); client authentication parameters are never kept
     */
    public Pushed push(Client client, Map<String, String> form) {
        return push(client, form, null);
    }

    /**
     * As {@link #push(Client, Map)}, for a request that carried a verified DPoP proof: the code it leads to is bound to the
     * proof's key, which a {@code dpop_jkt} in the request must then name too (RFC 9449 §10.1).
     *
     * @param dpopJkt the thumbprint of the request's verified DPoP proof, or null when it carried none
     */
    public Pushed push(Client client, Map<String, String> form, String dpopJkt) {
        if (present(form, "request_uri")) {
            throw OAuthException.invalidRequest("request_uri must not be sent to the pushed authorization request endpoint (RFC 9126 section 2.1)");
        }
        Map<String, String> parameters = form;
        if (present(form, "request")) {
            if (requestObjects == null) {
                throw new OAuthException(OAuthError.REQUEST_NOT_SUPPORTED, "request objects are switched off on this server");
            }
            parameters = requestObjects.resolve(client, form.get("request"), form);
        } else if (requireSigned || client.metadata().requireSignedRequestObject()) {
            throw OAuthException.invalidRequest("this client must send its request as a signed request object in request (RFC 9101 section 10.5)");
        }
        String clientId = parameters.get("client_id");
        if (clientId != null && !clientId.isEmpty() && !clientId.equals(client.clientId())) {
            throw OAuthException.invalidRequest("client_id does not match the authenticated client");
        }
        Map<String, String> kept = new HashMap<>();
        parameters.forEach((k, v) -> {
            if (AuthorizationRequestValidator.PARAMETERS.contains(k) && v != null && !v.isEmpty()) {
                kept.put(k, v);
            }
        });
        kept.put("client_id", client.clientId());
        if (dpopJkt != null) {
            if (kept.containsKey("dpop_jkt") && !kept.get("dpop_jkt").equals(dpopJkt)) {
                throw new OAuthException(OAuthError.INVALID_DPOP_PROOF, "dpop_jkt names another key than the DPoP proof's (RFC 9449 section 10.1)");
            }
            kept.put("dpop_jkt", dpopJkt);
        }
        try {
            validator.validate(kept);
        } catch (AuthorizationRedirectException e) {
            throw new OAuthException(e.error(), e.description(), 400);
        }
        String requestUri = URN_PREFIX + random.token();
        Instant now = clock.instant();
        if (!store.saveWithin(new PushedAuthorization(TokenHasher.hash(requestUri), client.clientId(), kept, now, now.plus(lifetime)),
                maxPerClient)) {
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "the client has too many pushed authorization requests open; "
                    + "use or let some expire", 429).withHeader("Retry-After", Long.toString(lifetime.toSeconds()));
        }
        return new Pushed(requestUri, lifetime.toSeconds());
    }

    /**
     * The stored parameters for {@code client_id} and {@code request_uri}, spent by this call (RFC 9126 §4); the
     * authorization request's other parameters are ignored.
     *
     * @throws OAuthException {@code invalid_request_uri} when it is not one Cell issued to this client, unused and unexpired
     */
    public Map<String, String> redeem(String clientId, String requestUri) {
        if (clientId == null || clientId.isEmpty()) {
            throw OAuthException.invalidRequest("client_id is missing");
        }
        if (requestUri.length() > MAX_REQUEST_URI || !requestUri.startsWith(URN_PREFIX)) {
            throw new OAuthException(OAuthError.INVALID_REQUEST_URI, "request_uri is not one this server issued (RFC 9126 section 4)");
        }
        return store.consume(TokenHasher.hash(requestUri), clientId, clock.instant()).map(PushedAuthorization::parameters)
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST_URI,
                        "request_uri is unknown, expired, already used or issued to another client"));
    }

    static boolean present(Map<String, String> parameters, String name) {
        String v = parameters.get(name);
        return v != null && !v.isEmpty();
    }
}
