package dev.cell.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.valueAt(50)).isEqualTo(50);
        assertThat(h.valueAt(99)).isEqualTo(99);
        assertThat(h.valueAt(100)).isEqualTo(100);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(100);
        assertThat(h.mean()).isEqualTo(50.5);
    }

    @Test
    void largeValuesAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1_000; v <= 1_000_000; v += 1_000) {
            h.record(v);
        }
        assertThat((double) h.valueAt(50)).isCloseTo(500_000, within(5_000.0));
        assertThat((double) h.valueAt(99)).isCloseTo(990_000, within(9_900.0));
        assertThat(h.valueAt(100)).isEqualTo(1_000_000);
    }

    @Test
    void bucketsCoverEveryValueAndNeverReportLess() {
        for (long v = 0; v < 5_000_000; v += 7) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.highestEquivalent(i)).isGreaterThanOrEqualTo(v);
            assertThat(i == 0 || LatencyHistogram.highestEquivalent(i - 1) < v).isTrue();
        }
        assertThat(LatencyHistogram.index(Long.MAX_VALUE / 2)).isGreaterThan(0);
    }

    @Test
    void mergesAndIsEmptySafe() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        assertThat(a.valueAt(99)).isZero();
        a.record(10);
        b.record(30);
        a.add(b);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.valueAt(50)).isEqualTo(10);
        assertThat(a.valueAt(100)).isEqualTo(30);
    }
}
