package dev.cell.server.feature;

import dev.cell.logout.BackchannelLogoutDelivery;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the back-channel logout queue on every node (OIDC Back-Channel Logout 1.0 §2.5): at a fixed interval, for retries and
 * for deliveries whose node died, and at once when this node queued something ({@link #wake}).
 */
final class BackchannelLogoutWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogoutWorker.class);
    /** Deliveries leased per pass, posted side by side. */
    static final int BATCH = 20;

    private final BackchannelLogoutDelivery delivery;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cell-backchannel-logout");
        t.setDaemon(true);
        return t;
    });

    BackchannelLogoutWorker(BackchannelLogoutDelivery delivery, Duration interval) {
        this.delivery = delivery;
        long period = interval.toMillis();
        executor.scheduleWithFixedDelay(this::drain, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MILLISECONDS);
    }

    /** Runs a pass now (at most one waits behind the running one). */
    void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    woken.set(false);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                // closing: the other nodes' workers deliver it
            }
        }
    }

    private void drain() {
        try {
            while (delivery.runOnce(BATCH) == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warn("back-channel logout delivery failed; it runs again at the next interval: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
