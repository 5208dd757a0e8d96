package dev.cell.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TokenHasherTest {
    private final RandomValues random = new RandomValues(new SecureRandom());

    @Test
    void anOrderedTokenIsKeptUnderItsTimeThenItsHash() {
        String token = random.orderedToken();
        String key = TokenHasher.orderedHash(token);
        assertThat(key).isEqualTo(token.substring(0, RandomValues.TIME_CHARS) + TokenHasher.hash(token));
        assertThat(key).doesNotContain(token.substring(RandomValues.TIME_CHARS));
    }

    @Test
    void aTokenIssuedBeforeOrderedTokensIsKeptUnderItsPlainHash() {
        String legacy = random.token();
        assertThat(TokenHasher.orderedHash(legacy)).isEqualTo(TokenHasher.hash(legacy));
    }
}
