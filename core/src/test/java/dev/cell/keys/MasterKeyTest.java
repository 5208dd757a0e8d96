package dev.cell.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void sealsAndOpensWithAFreshNonceEachTime() {
        MasterKey key = MasterKey.parse(MasterKey.generate(random), random);
        String a = key.seal("private key material");
        String b = key.seal("private key material");
        assertThat(a).isNotEqualTo(b).doesNotContain("private");
        assertThat(key.open(a)).isEqualTo("private key material");
        assertThat(key.open(b)).isEqualTo("private key material");
    }

    @Test
    void anotherKeyOrATamperedValueCannotOpen() {
        MasterKey key = MasterKey.parse(MasterKey.generate(random), random);
        MasterKey other = MasterKey.parse(MasterKey.generate(random), random);
        String sealed = key.seal("secret");
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalArgumentException.class);
        byte[] raw = Base64.getUrlDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> key.open(tampered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.open("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(() -> MasterKey.parse(Base64.getEncoder().encodeToString(new byte[16]), random))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.parse("not base64 at all!", random)).hasMessageContaining("base64");
    }

    @Test
    void theIdIsStableAndRevealsNothing() {
        String encoded = MasterKey.generate(random);
        assertThat(MasterKey.parse(encoded, random).id()).isEqualTo(MasterKey.parse(encoded, random).id())
                .isNotEqualTo(encoded);
    }
}
