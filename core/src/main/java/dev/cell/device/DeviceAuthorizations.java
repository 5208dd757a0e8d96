package dev.cell.device;

import dev.cell.client.Client;
import dev.cell.consent.Consent;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.grant.DeviceCodeGrant;
import dev.cell.grant.Resources;
import dev.cell.grant.Scopes;
import dev.cell.session.GrantRecorder;
import dev.cell.session.LoginSession;
import dev.cell.session.SignedIn;
import dev.cell.store.ConsentStore;
import dev.cell.store.DeviceAuthorizationStore;
import dev.cell.store.DuplicateException;
import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The device authorization grant (RFC 8628): a client starts a request and gets a device code and a user code (§3.1–§3.2),
 * the signed-in user enters the user code on the verification page and approves or denies it (§3.3), and the client polls
 * the token endpoint until then (§3.4–§3.5). Both codes are stored only as SHA-256 hashes; the device code has 256 bits.
 */
public final class DeviceAuthorizations {
    /** How much each {@code slow_down} raises the polling interval (RFC 8628 §3.5). */
    public static final int SLOW_DOWN_SECONDS = 5;
    /** The audit events of the user's decision, as for the authorization endpoint's consent page. */
    public static final String CONSENT_GRANTED = "consent.granted";
    public static final String CONSENT_DENIED = "consent.denied";
    /** Longer than any device code Cell issues; a longer one is refused before any lookup. */
    private static final int MAX_DEVICE_CODE = 128;
    private static final int SAVE_ATTEMPTS = 3;

    private final DeviceAuthorizationStore store;
    private final UserCodeLimiter limiter;
    private final ConsentStore consents;
    private final GrantRecorder recorder;
    private final RandomValues random;
    private final Settings settings;
    private final Clock clock;
    private final AuditSink audit;

    /**
     * The server's choices for device authorization requests.
     *
     * @param verificationUri the verification page's URL ({@code verification_uri}, RFC 8628 §3.2)
     * @param lifetime how long the codes stay valid ({@code expires_in})
     * @param interval the least time between polls at first ({@code interval})
     * @param maxPerClient unexpired requests one client may have open
     */
    public record Settings(String verificationUri, Duration lifetime, Duration interval, int maxPerClient) {}

    public DeviceAuthorizations(DeviceAuthorizationStore store, UserCodeLimiter limiter, ConsentStore consents, GrantRecorder recorder,
            RandomValues random, Settings settings, Clock clock, AuditSink audit) {
        this.store = store;
        this.limiter = limiter;
        this.consents = consents;
        this.recorder = recorder;
        this.random = random;
        this.settings = settings;
        this.clock = clock;
        this.audit = audit;
    }

    /** The device authorization response (RFC 8628 §3.2); {@code userCode} is in its shown form. */
    public record Started(String deviceCode, String userCode, String verificationUri, String verificationUriComplete, long expiresIn,
            long interval) {
        @Override
        public String toString() {
            return "Started[userCode=" + userCode + ", expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * Starts a request of the authenticated client (RFC 8628 §3.1): {@code scope} within the client's scopes, {@code resource}
     * among its audiences (RFC 8707 §2).
     */
    public Started start(Client client, Map<String, String> parameters) {
        if (!client.allowsGrant(DeviceCodeGrant.GRANT_TYPE)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "the client is not allowed the device authorization grant "
                    + "(grant type " + DeviceCodeGrant.GRANT_TYPE + ")");
        }
        Set<String> scopes = Scopes.grant(Scopes.parse(parameters.get("scope")), client.scopes());
        List<String> resources = Resources.allowed(client, parameters.get(Resources.PARAMETER));
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            String deviceCode = random.token();
            String userCode = UserCode.generate(random.random());
            DeviceAuthorization request = new DeviceAuthorization(TokenHasher.hash(deviceCode), TokenHasher.hash(userCode), client.clientId(),
                    scopes, resources, DeviceAuthorization.Status.PENDING, null, settings.interval(), null, now, now.plus(settings.lifetime()));
            try {
                if (!store.saveWithin(request, settings.maxPerClient())) {
                    throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "the client has too many device authorization requests "
                            + "open; use or let some expire", 429).withHeader("Retry-After", Long.toString(settings.lifetime().toSeconds()));
                }
            } catch (DuplicateException e) {
                if (attempt == SAVE_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            String shown = UserCode.format(userCode);
            return new Started(deviceCode, shown, settings.verificationUri(), settings.verificationUri() + "?user_code=" + shown,
                    settings.lifetime().toSeconds(), settings.interval().toSeconds());
        }
    }

    /** What a user code typed on the verification page leads to. */
    public sealed interface Lookup {
        /** A pending request; {@code userCode} is its shown form. */
        record Found(DeviceAuthorization request, String userCode) implements Lookup {}

        /** No pending request has that code (unknown, expired, decided, or no code at all). */
        record NotFound() implements Lookup {}

        /** Too many wrong codes from this address or for this code: wait {@code retryAfter}. */
        record Limited(Duration retryAfter) implements Lookup {}
    }

    /** Looks up a typed user code, counted against the guessing limits per address and per code (RFC 8628 §5.1). */
    public Lookup lookup(String typed, String address) {
        String code = UserCode.normalize(typed).orElse(null);
        String hash = code == null ? null : TokenHasher.hash(code);
        UserCodeLimiter.Attempt attempt = limiter.reserve(address, hash);
        if (!attempt.allowed()) {
            return new Lookup.Limited(limiter.window());
        }
        if (hash == null) {
            return new Lookup.NotFound();
        }
        return store.findPending(hash, clock.instant()).<Lookup>map(r -> {
            limiter.succeeded(attempt);
            return new Lookup.Found(r, UserCode.format(code));
        }).orElseGet(Lookup.NotFound::new);
    }

    /**
     * The signed-in user approves the request (RFC 8628 §3.3): its grant is recorded with the login session, so signing out
     * ends it, and the scopes join the user's consent for the client as on the consent page.
     *
     * @return false when the request was decided meanwhile or has expired
     */
    public boolean approve(DeviceAuthorization request, SignedIn signedIn, String address) {
        LoginSession session = signedIn.session();
        String userId = signedIn.user().id();
        String grantId = random.orderedId();
        recorder.record(grantId, userId, request.clientId(), session.sid());
        Instant now = clock.instant();
        if (!store.approve(request.userCodeHash(), new DeviceAuthorization.Approval(userId, grantId, session.sid(), session.authTime(),
                session.amr()), now)) {
            return false;
        }
        Set<String> scopes = new LinkedHashSet<>(request.scopes());
        consents.find(userId, request.clientId()).ifPresent(c -> scopes.addAll(c.scopes()));
        consents.save(new Consent(userId, request.clientId(), scopes, now));
        audit.record(AuditEvent.success(CONSENT_GRANTED, userId, request.clientId(), address)
                .with("scope", String.join(" ", new TreeSet<>(request.scopes()))).with("flow", "device"));
        return true;
    }

    /**
     * The signed-in user denies the request: the client's next poll answers {@code access_denied} (RFC 8628 §3.5).
     *
     * @return false when the request was decided meanwhile or has expired
     */
    public boolean deny(DeviceAuthorization request, SignedIn signedIn, String address) {
        if (!store.deny(request.userCodeHash(), clock.instant())) {
            return false;
        }
        audit.record(AuditEvent.success(CONSENT_DENIED, signedIn.user().id(), request.clientId(), address).with("flow", "device"));
        return true;
    }

    /**
     * A poll of the token endpoint (RFC 8628 §3.4–§3.5): the approved request, handed out once; otherwise
     * {@code authorization_pending}, {@code slow_down}, {@code access_denied}, {@code expired_token} or, for a code that is
     * unknown, used or another client's, {@code invalid_grant}.
     */
    public DeviceAuthorization redeem(Client client, String deviceCode) {
        if (deviceCode == null || deviceCode.isEmpty()) {
            throw OAuthException.invalidRequest("device_code is missing");
        }
        if (deviceCode.length() > MAX_DEVICE_CODE) {
            throw unknown();
        }
        String hash = TokenHasher.hash(deviceCode);
        Instant now = clock.instant();
        DeviceAuthorization request = store.find(hash, client.clientId()).orElseThrow(DeviceAuthorizations::unknown);
        if (request.expired(now)) {
            throw new OAuthException(OAuthError.EXPIRED_TOKEN, "the device code has expired; start a new device authorization request");
        }
        return switch (request.status()) {
            case APPROVED -> store.consume(hash, client.clientId(), now).orElseThrow(DeviceAuthorizations::unknown);
            case DENIED -> throw new OAuthException(OAuthError.ACCESS_DENIED, "the user denied the request", 400);
            case PENDING -> throw store.pollInTime(hash, client.clientId(), now, SLOW_DOWN_SECONDS)
                    ? new OAuthException(OAuthError.AUTHORIZATION_PENDING, "the user has not yet approved the request")
                    : new OAuthException(OAuthError.SLOW_DOWN, "polling too fast: wait " + SLOW_DOWN_SECONDS
                            + " seconds longer between requests from now on (RFC 8628 section 3.5)");
        };
    }

    private static OAuthException unknown() {
        return new OAuthException(OAuthError.INVALID_GRANT, "the device code is unknown, already used or issued to another client");
    }
}
