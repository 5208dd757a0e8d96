package dev.cell.server;

import dev.cell.store.Housekeeping;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link Housekeeping} on every node at a fixed interval, the first run at a random point in it so nodes spread out. */
final class HousekeepingSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingSchedule.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cell-housekeeping");
        t.setDaemon(true);
        return t;
    });

    HousekeepingSchedule(Housekeeping housekeeping, Duration interval) {
        long period = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> run(housekeeping), ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MILLISECONDS);
    }

    private static void run(Housekeeping housekeeping) {
        try {
            Map<String, Integer> deleted = housekeeping.runOnce();
            if (deleted.values().stream().anyMatch(n -> n > 0)) {
                LOG.info("housekeeping deleted expired rows: {}", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed; it runs again at the next interval: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
