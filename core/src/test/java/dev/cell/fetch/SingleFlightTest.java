package dev.cell.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    private final SingleFlight<String> flights = new SingleFlight<>();

    @Test
    void concurrentCallersForOneKeyShareOneRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            Future<String> first = pool.submit(() -> flights.run("k", () -> {
                runs.incrementAndGet();
                started.countDown();
                await(release);
                return "v" + runs.get();
            }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                others.add(pool.submit(() -> flights.run("k", () -> "v" + runs.incrementAndGet())));
            }
            Thread.sleep(100);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
            for (Future<String> f : others) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
            }
        }
        assertThat(runs).hasValue(1);
        assertThat(flights.run("k", () -> "again")).as("a finished run is not remembered").isEqualTo("again");
        assertThat(flights.run("other", () -> "own")).isEqualTo("own");
    }

    @Test
    void aFailureReachesTheCallerAndTheNextCallRunsAgain() {
        assertThatThrownBy(() -> flights.run("k", () -> {
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("down");
        assertThat(flights.run("k", () -> "up")).isEqualTo("up");
    }

    @Test
    void aWaiterGetsTheRunnersFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<String> runner = pool.submit(() -> flights.run("k", () -> {
                started.countDown();
                await(release);
                throw new IllegalStateException("down");
            }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> waiter = pool.submit(() -> flights.run("k", () -> "never"));
            Thread.sleep(100);
            release.countDown();
            assertThatThrownBy(() -> runner.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CompletionException.class)
                    .hasRootCauseMessage("down");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
