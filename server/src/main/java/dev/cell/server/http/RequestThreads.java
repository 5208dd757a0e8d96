package dev.cell.server.http;

/**
 * Sizes the scheduler of the virtual threads that serve requests: twice as many carrier threads as processors.
 * Virtual threads are never preempted, and a connection whose client sends its next request at once keeps its
 * virtual thread running; under full load that can hold a carrier while requests on other connections wait. With
 * one carrier per processor, RS256 token requests at 64 connections saw p99 1.0–1.5 s; with two per processor, the
 * operating system time-slices the carriers and p99 fell to 0.19 s, for about 10% more CPU per request at saturation.
 */
public final class RequestThreads {
    /** The JDK's setting (see {@link Thread}): the number of carrier threads of the virtual-thread scheduler. */
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private RequestThreads() {}

    /**
     * Sets the carrier count unless the JVM was given one ({@code -Djdk.virtualThreadScheduler.parallelism=N});
     * takes effect only before the first virtual thread starts. Returns the count in force.
     */
    public static String configure() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        }
        return System.getProperty(PARALLELISM);
    }
}
