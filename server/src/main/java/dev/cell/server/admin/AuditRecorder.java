package dev.cell.server.admin;

import dev.cell.event.AuditEvent;
import dev.cell.event.AuditRecord;
import dev.cell.event.AuditSink;
import dev.cell.store.AuditStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps audit events in the database (RFC 9700 §4.13, §4.14) without a database round trip on the request: events go to a
 * bounded queue that one thread writes in batches. When the queue is full (the database far behind or down), events are
 * dropped from the database copy and counted in a warning; the audit log still has every line.
 */
public final class AuditRecorder implements AuditSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final int MAX_NAME = 128;
    private static final int MAX_ID = 255;
    private static final int MAX_IP = 64;
    private static final int MAX_DETAIL = 200;

    private final AuditStore store;
    private final RandomValues random;
    private final Clock clock;
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public AuditRecorder(AuditStore store, RandomValues random, Clock clock) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.writer = Thread.ofPlatform().name("cell-audit-writer").daemon().start(this::run);
    }

    @Override
    public void record(AuditEvent e) {
        AuditRecord r = capped(AuditRecord.of(random.orderedId(), clock.instant(), e));
        synchronized (queued) {
            if (queue.offer(r)) {
                queued.incrementAndGet();
                return;
            }
        }
        if (dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("audit events are coming faster than the database takes them; {} dropped from the database copy so far", dropped.get());
        }
    }

    /** Waits (at most {@code timeout}) until every event recorded before the call is written, so a query on this node sees it. */
    public void flush(Duration timeout) {
        long target = queued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < target && System.nanoTime() < deadline) {
            synchronized (done) {
                try {
                    done.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    queue.drainTo(batch);
                    write(batch);
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<AuditRecord> batch) {
        try {
            store.append(batch);
        } catch (RuntimeException e) {
            LOG.warn("{} audit events not kept in the database (they are in the audit log): {}", batch.size(), e.toString());
        }
        done.addAndGet(batch.size());
        synchronized (done) {
            done.notifyAll();
        }
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The record with every value cut to its column, so no insert fails on a long value a request chose. */
    private static AuditRecord capped(AuditRecord r) {
        Map<String, String> details = new LinkedHashMap<>();
        r.details().forEach((k, v) -> details.put(cap(k, MAX_NAME), cap(v, MAX_DETAIL)));
        return new AuditRecord(r.id(), r.time(), cap(r.event(), MAX_NAME), cap(r.outcome(), 64), cap(r.actor(), MAX_ID),
                cap(r.clientId(), MAX_ID), cap(r.userId(), MAX_ID), cap(r.ip(), MAX_IP), details);
    }

    private static String cap(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 3) + "...";
    }
}
