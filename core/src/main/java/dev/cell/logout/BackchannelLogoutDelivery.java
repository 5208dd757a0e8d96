package dev.cell.logout;

import dev.cell.client.Client;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.store.ClientStore;
import dev.cell.store.LogoutDeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued logout tokens (OIDC Back-Channel Logout 1.0 §2.5): leases due rows for this worker, posts a fresh token for each
 * at once, and settles each as delivered, due again after an exponential back-off, or finally failed after the last attempt
 * (with an audit event {@value #EVENT} per outcome: {@code delivered}, {@code retry}, {@code failed}).
 */
public final class BackchannelLogoutDelivery {
    public static final String EVENT = "backchannel_logout";
    public static final String DELIVERED = "delivered";
    public static final String RETRY = "retry";
    public static final String FAILED = "failed";
    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogoutDelivery.class);

    /**
     * When to try again.
     *
     * @param maxAttempts attempts before a delivery fails for good
     * @param initialBackoff wait after the first failed attempt; doubled after each further one
     * @param maxBackoff the longest wait
     */
    public record Retries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        /** The wait after failed attempt {@code attempt} (1-based). */
        public Duration backoff(int attempt) {
            int doublings = Math.min(attempt - 1, 30);
            Duration wait = initialBackoff.multipliedBy(1L << doublings);
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    private final LogoutDeliveryStore store;
    private final ClientStore clients;
    private final LogoutTokenIssuer tokens;
    private final LogoutTokenSender sender;
    private final Retries retries;
    private final Duration lease;
    private final String owner;
    private final AuditSink audit;
    private final Clock clock;

    /** @param owner this worker's name in the queue, unique among the workers of every node */
    public BackchannelLogoutDelivery(LogoutDeliveryStore store, ClientStore clients, LogoutTokenIssuer tokens, LogoutTokenSender sender,
            Retries retries, Duration lease, String owner, AuditSink audit, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.tokens = tokens;
        this.sender = sender;
        this.retries = retries;
        this.lease = lease;
        this.owner = owner;
        this.audit = audit;
        this.clock = clock;
    }

    /** Leases up to {@code limit} due deliveries and delivers them side by side; returns how many it leased. */
    public int runOnce(int limit) {
        Instant now = clock.instant();
        List<LogoutDelivery> claimed = store.claim(owner, now, now.plus(lease), limit);
        if (claimed.size() == 1) {
            deliver(claimed.get(0));
        } else if (!claimed.isEmpty()) {
            try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
                claimed.forEach(d -> each.execute(() -> deliver(d)));
            }
        }
        return claimed.size();
    }

    /** One attempt at one leased delivery. */
    void deliver(LogoutDelivery d) {
        Optional<String> error;
        Optional<Client> client = clients.find(d.clientId());
        String uri = client.map(c -> c.metadata().backchannelLogoutUri()).orElse(null);
        if (uri == null) {
            settle(d, Optional.of(client.isEmpty() ? "the client is no longer registered" : "the client has no backchannel_logout_uri any more"), true);
            return;
        }
        try {
            error = sender.send(uri, tokens.issue(d.clientId(), d.subject(), d.sessionId()));
        } catch (RuntimeException e) {
            LOG.warn("back-channel logout to client {} failed before it was sent", d.clientId(), e);
            error = Optional.of("not sent: " + e.getClass().getSimpleName());
        }
        settle(d, error, false);
    }

    private void settle(LogoutDelivery d, Optional<String> error, boolean giveUp) {
        Instant now = clock.instant();
        String outcome;
        boolean settled;
        if (error.isEmpty()) {
            outcome = DELIVERED;
            settled = store.delivered(d.id(), owner, now);
        } else if (giveUp || d.attempts() >= retries.maxAttempts()) {
            outcome = FAILED;
            settled = store.failed(d.id(), owner, error.get(), now);
        } else {
            outcome = RETRY;
            settled = store.retry(d.id(), owner, now.plus(retries.backoff(d.attempts())), error.get(), now);
        }
        if (!settled) {
            LOG.info("back-channel logout delivery {} to client {} was taken over by another worker after its lease ran out", d.id(), d.clientId());
        }
        if (outcome.equals(FAILED)) {
            LOG.warn("back-channel logout to client {} failed for good after {} attempts: {}", d.clientId(), d.attempts(), error.get());
        }
        audit.record(new AuditEvent(EVENT, outcome, null, d.clientId(), null, Map.of())
                .with("user", d.subject())
                .with("delivery", d.id())
                .with("attempt", Integer.toString(d.attempts()))
                .with("error", error.orElse(null)));
    }
}
