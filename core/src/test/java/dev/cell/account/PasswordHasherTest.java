package dev.cell.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAndVerifies() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("wrong horse battery", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void anUnknownUserOrAForeignHashNeverVerifies() {
        assertThat(hasher.verify("anything", null)).isFalse();
        assertThat(hasher.verify("anything", "$2a$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234")).isFalse();
    }
}
