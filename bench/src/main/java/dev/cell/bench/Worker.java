package dev.cell.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * Drives one connection in a closed loop (one iteration of the scenario, then the next) until the run ends. Only exchanges
 * that start at or after the measured phase's start and finish by its end are recorded; warm-up exchanges are
 * counted separately so failures there are visible too.
 */
final class Worker implements Runnable {
    private final HttpConnection connection;
    private final Scenario.Iteration iteration;
    private final long measureStart;
    private final long end;

    final LatencyHistogram histogram = new LatencyHistogram();
    long ok;
    long non200;
    long badBody;
    long socketErrors;
    long timeouts;
    long warmupOk;
    long warmupFailed;
    String firstFailure = "";

    Worker(InetSocketAddress address, int timeoutMillis, Scenario.Iteration iteration, long measureStartNanos, long endNanos) {
        this.connection = new HttpConnection(address, timeoutMillis);
        this.iteration = iteration;
        this.measureStart = measureStartNanos;
        this.end = endNanos;
    }

    @Override
    public void run() {
        try {
            while (true) {
                long t0 = System.nanoTime();
                if (t0 - end >= 0) {
                    return;
                }
                boolean measured = t0 - measureStart >= 0;
                Scenario.Outcome outcome;
                try {
                    outcome = iteration.run(connection);
                } catch (SocketTimeoutException e) {
                    failed(measured, true, "timeout: " + e.getMessage());
                    connection.close();
                    continue;
                } catch (IOException | RuntimeException e) {
                    failed(measured, false, "socket error: " + e);
                    connection.close();
                    pauseAfterError();
                    continue;
                }
                long t1 = System.nanoTime();
                boolean good = outcome == Scenario.Outcome.OK;
                if (!measured) {
                    if (good) {
                        warmupOk++;
                    } else {
                        warmupFailed++;
                        noteFailure("warm-up: " + connection.sample());
                    }
                    continue;
                }
                if (t1 - end > 0) {
                    return;     // finished after the measured window: not counted
                }
                histogram.record((t1 - t0) / 1000);
                if (good) {
                    ok++;
                } else if (outcome == Scenario.Outcome.WRONG_STATUS) {
                    non200++;
                    noteFailure(connection.sample());
                } else {
                    badBody++;
                    noteFailure("unexpected answer: " + connection.sample());
                }
            }
        } finally {
            connection.close();
        }
    }

    private void failed(boolean measured, boolean timeout, String what) {
        if (!measured) {
            warmupFailed++;
        } else if (timeout) {
            timeouts++;
        } else {
            socketErrors++;
        }
        noteFailure(what);
    }

    private void noteFailure(String what) {
        if (firstFailure.isEmpty()) {
            firstFailure = what;
        }
    }

    /** A refused or reset connection would otherwise spin; back off briefly. */
    private static void pauseAfterError() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
