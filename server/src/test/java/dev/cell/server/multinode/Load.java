package dev.cell.server.multinode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** A few threads sending requests in a loop until stopped, recording every outcome, transport failures included. */
final class Load implements AutoCloseable {
    /** One request: a label saying what it was (e.g. which code it redeemed), and how to send it. */
    record Request(String label, Supplier<HttpResponse<String>> send) {}

    /** What happened to one request: its response, or the failure that replaced it; with when it started and ended. */
    record Outcome(String label, HttpResponse<String> response, RuntimeException failure, long startNanos, long endNanos) {
        boolean ok() {
            return response != null && response.statusCode() == 200;
        }

        Duration elapsed() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean stopped;

    private Load(int threadCount, IntFunction<Request> next) {
        for (int t = 0; t < threadCount; t++) {
            threads.add(Thread.ofPlatform().daemon().name("load-" + t).start(() -> {
                while (!stopped) {
                    outcomes.add(send(next.apply(sequence.getAndIncrement())));
                }
            }));
        }
    }

    /** Starts {@code threadCount} threads, each sending {@code next.apply(n)} for n = 0, 1, 2, ... shared among them. */
    static Load start(int threadCount, IntFunction<Request> next) {
        return new Load(threadCount, next);
    }

    /** The outcomes so far. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Stops sending, waits for the requests in flight, and returns every outcome. */
    List<Outcome> stop() {
        stopped = true;
        for (Thread t : threads) {
            try {
                t.join(Http.DEADLINE.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return outcomes();
    }

    @Override
    public void close() {
        stop();
    }

    private static Outcome send(Request request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = request.send().get();
            return new Outcome(request.label(), response, null, start, System.nanoTime());
        } catch (RuntimeException e) {
            return new Outcome(request.label(), null, e, start, System.nanoTime());
        }
    }
}
