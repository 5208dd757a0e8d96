package dev.cell.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.support.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9449 §8, §9: nonces rotate with time and every node derives the same ones from the shared secret. */
class DPoPNoncesTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));

    @Test
    void everyNodeWithTheSharedSecretAcceptsTheNonceAnotherGave() {
        DPoPNonces nodeA = new DPoPNonces(SECRET, Duration.ofMinutes(5), clock);
        DPoPNonces nodeB = new DPoPNonces(SECRET.clone(), Duration.ofMinutes(5), clock);
        assertThat(nodeB.accepted()).contains(nodeA.current());
        assertThat(nodeA.current()).hasSize(43).isEqualTo(nodeB.current());
        DPoPNonces otherDeployment = new DPoPNonces("another secret of 32 bytes......".getBytes(StandardCharsets.US_ASCII),
                Duration.ofMinutes(5), clock);
        assertThat(otherDeployment.accepted()).doesNotContain(nodeA.current());
    }

    @Test
    void theNonceRotatesAndThePreviousOneStaysValidForOneMorePeriod() {
        DPoPNonces nonces = new DPoPNonces(SECRET, Duration.ofMinutes(5), clock);
        String first = nonces.current();
        clock.advance(Duration.ofMinutes(5));
        String second = nonces.current();
        assertThat(second).isNotEqualTo(first);
        assertThat(nonces.accepted()).containsExactlyInAnyOrder(first, second);
        clock.advance(Duration.ofMinutes(5));
        assertThat(nonces.accepted()).contains(second).doesNotContain(first);
    }
}
