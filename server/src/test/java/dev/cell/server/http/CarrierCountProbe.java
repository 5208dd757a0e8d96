package dev.cell.server.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in its own JVM by {@link RequestThreadsTest}: applies {@link RequestThreads#configure()}, then starts virtual
 * threads that each spin (never yielding their carrier) until {@code args[0]} of them run at once or 1 s passes, and
 * prints how many distinct carrier threads ran them.
 */
public final class CarrierCountProbe {
    private CarrierCountProbe() {}

    public static void main(String[] args) throws InterruptedException {
        RequestThreads.configure();
        int wanted = Integer.parseInt(args[0]);
        AtomicInteger started = new AtomicInteger();
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[2 * wanted];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                String self = Thread.currentThread().toString();   // VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1
                carriers.add(self.substring(self.indexOf('@') + 1));
                started.incrementAndGet();
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (started.get() < wanted && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("carriers=" + carriers.size());
    }
}
