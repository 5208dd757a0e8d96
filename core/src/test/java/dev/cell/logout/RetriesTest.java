package dev.cell.logout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetriesTest {
    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToTheLongest() {
        BackchannelLogoutDelivery.Retries r = new BackchannelLogoutDelivery.Retries(8, Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(r.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(r.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(r.backoff(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.backoff(100)).as("no overflow").isEqualTo(Duration.ofMinutes(1));
    }
}
