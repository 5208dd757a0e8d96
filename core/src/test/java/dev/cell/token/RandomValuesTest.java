package dev.cell.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.support.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomValuesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RandomValues random = new RandomValues(new SecureRandom(), clock);

    @Test
    void anOrderedTokenIsItsCreationTimeThen256RandomBits() {
        String token = random.orderedToken();
        assertThat(token).hasSize(RandomValues.ORDERED_TOKEN_LENGTH).matches("[0-9a-v]{10}[A-Za-z0-9_-]{43}");
        assertThat(Long.parseLong(token.substring(0, RandomValues.TIME_CHARS), 32)).isEqualTo(clock.millis());
        assertThat(random.orderedToken()).as("the same millisecond, other random bits")
                .startsWith(token.substring(0, RandomValues.TIME_CHARS)).isNotEqualTo(token);
    }

    @Test
    void orderedValuesSortAsTheTimesTheyWereMadeAt() {
        List<String> made = new ArrayList<>();
        for (Duration step : List.of(Duration.ofMillis(1), Duration.ofMillis(31), Duration.ofMillis(32), Duration.ofSeconds(1),
                Duration.ofHours(9), Duration.ofDays(400))) {
            clock.advance(step);
            made.add(random.orderedToken());
            made.add(random.orderedId());
        }
        List<String> prefixes = made.stream().map(v -> v.substring(0, RandomValues.TIME_CHARS)).toList();
        assertThat(prefixes).isSorted();
        assertThat(prefixes.stream().distinct()).hasSize(6);
    }

    @Test
    void anOrderedIdKeeps128RandomBits() {
        assertThat(random.orderedId()).matches("[0-9a-v]{10}[A-Za-z0-9_-]{22}");
    }
}
