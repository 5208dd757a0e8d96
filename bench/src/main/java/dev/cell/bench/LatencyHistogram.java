package dev.cell.bench;

/**
 * A small log-linear latency histogram in the manner of HdrHistogram: values (microseconds) below 256 are kept
 * exactly, larger ones in buckets of 128 per power of two, so any reported value is within 0.8% of the true one.
 * Not thread-safe: each load thread owns one and they are merged at the end.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;          // 128 sub-buckets per power of two
    private static final int EXACT = 2 * SUB;              // 0..255 are exact
    private static final int MAX_SHIFT = 62 - SUB_BITS;

    private final long[] counts = new long[EXACT + MAX_SHIFT * SUB];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private long sum;

    static int index(long value) {
        long v = Math.max(0, value);
        if (v < EXACT) {
            return (int) v;
        }
        int shift = (63 - Long.numberOfLeadingZeros(v)) - SUB_BITS;    // v >> shift is in [128, 255]
        return EXACT + (shift - 1) * SUB + (int) ((v >> shift) - SUB);
    }

    /** The highest value that falls into the bucket at {@code index}. */
    static long highestEquivalent(int index) {
        if (index < EXACT) {
            return index;
        }
        int k = index - EXACT;
        int shift = k / SUB + 1;
        long top = (k % SUB) + SUB;
        return ((top + 1) << shift) - 1;
    }

    void record(long micros) {
        counts[index(micros)]++;
        count++;
        sum += micros;
        if (micros < min) {
            min = micros;
        }
        if (micros > max) {
            max = micros;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long max() {
        return count == 0 ? 0 : max;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** The value at or below which {@code percentile} percent of the recorded values lie (0 when empty). */
    long valueAt(double percentile) {
        if (count == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= target) {
                return Math.min(highestEquivalent(i), max);
            }
        }
        return max;
    }
}
