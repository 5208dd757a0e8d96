package dev.cell.server.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A resource (the database) opened on a thread of its own while the starting thread does other work. */
final class BackgroundOpening<T extends AutoCloseable> {
    private final FutureTask<T> task;

    private BackgroundOpening(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts opening on a new platform thread of this name. */
    static <T extends AutoCloseable> BackgroundOpening<T> start(String threadName, Callable<T> open) {
        FutureTask<T> task = new FutureTask<>(open);
        Thread.ofPlatform().name(threadName).start(task);
        return new BackgroundOpening<>(task);
    }

    /** Waits for the resource; a failure to open is thrown as the opening thread saw it. */
    T join() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new IllegalStateException("interrupted while opening", e);
        }
    }

    /** For a start that failed before it joined: closes the resource once it has opened, without waiting for it. */
    void abandon() {
        Thread.ofPlatform().name("cell-abandoned-close").daemon(true).start(() -> {
            try {
                task.get().close();
            } catch (Exception e) {
                // it never opened, or closing failed: either way nothing is left to release
            }
        });
    }
}
