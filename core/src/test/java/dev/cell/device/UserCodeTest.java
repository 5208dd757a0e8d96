package dev.cell.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserCodeTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void codesAreEightConsonantsOfTheRfcAlphabetShownAsTwoGroupsOfFour() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = UserCode.generate(random);
            assertThat(code).hasSize(8).matches("[BCDFGHJKLMNPQRSTVWXZ]{8}");
            assertThat(UserCode.format(code)).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
            seen.add(code);
            code.chars().forEach(c -> seen.add(String.valueOf((char) c)));
        }
        assertThat(seen).as("every letter of the alphabet is drawn").containsAll(
                "BCDFGHJKLMNPQRSTVWXZ".chars().mapToObj(c -> String.valueOf((char) c)).toList());
        assertThat(UserCode.ALPHABET).hasSize(20).doesNotContainPattern("[AEIOUY0-9]");
    }

    @Test
    void caseDashesSpacesAndFullWidthFormsAreForgiven() {
        assertThat(UserCode.normalize("BCDF-GHJK")).contains("BCDFGHJK");
        assertThat(UserCode.normalize("bcdf-ghjk")).contains("BCDFGHJK");
        assertThat(UserCode.normalize(" bcdfghjk ")).contains("BCDFGHJK");
        assertThat(UserCode.normalize("BC DF GH JK")).contains("BCDFGHJK");
        assertThat(UserCode.normalize("BCDF\u2013GHJK")).as("an en dash").contains("BCDFGHJK");
        assertThat(UserCode.normalize("\uFF22\uFF23\uFF24\uFF26\uFF0D\uFF47\uFF48\uFF4A\uFF4B")).as("full-width, as a Chinese IME types").contains("BCDFGHJK");
    }

    @Test
    void anythingElseIsNoCode() {
        assertThat(UserCode.normalize(null)).isEmpty();
        assertThat(UserCode.normalize("")).isEmpty();
        assertThat(UserCode.normalize("BCDF-GHJ")).as("too short").isEmpty();
        assertThat(UserCode.normalize("BCDF-GHJKL")).as("too long").isEmpty();
        assertThat(UserCode.normalize("ABCD-GHJK")).as("a vowel").isEmpty();
        assertThat(UserCode.normalize("BCD1-GHJK")).as("a digit").isEmpty();
        assertThat(UserCode.normalize("BCDF-GHJ\u00DF")).isEmpty();
        assertThat(UserCode.normalize("-".repeat(60) + "BCDFGHJK")).as("over-long input").isEmpty();
        assertThat(UserCode.normalize("B".repeat(100_000))).isEmpty();
    }
}
