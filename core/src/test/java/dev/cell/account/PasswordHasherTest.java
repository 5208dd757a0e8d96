package dev.cell.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAndVerifies() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("wrong horse battery", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void aHashWithTheEarlierParametersStillVerifies() {
        String earlier = Password.hash("correct horse battery").addRandomSalt(16)
                .with(Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID)).getResult();
        assertThat(earlier).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery", earlier)).isTrue();
        assertThat(hasher.verify("wrong horse battery", earlier)).isFalse();
    }

    @Test
    void anUnknownUserOrAForeignHashNeverVerifies() {
        assertThat(hasher.verify("anything", null)).isFalse();
        assertThat(hasher.verify("anything", "$2a$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234")).isFalse();
    }

    @Test
    void aHashWaitsWhileTheAllowedNumberAreRunning() throws Exception {
        Semaphore hashing = new Semaphore(1, true);
        PasswordHasher bounded = new PasswordHasher(hashing);
        String hash = bounded.hash("correct horse battery");
        hashing.acquire();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> bounded.verify("correct horse battery", hash));
        Thread.sleep(300);
        assertThat(waiting).as("no hash while the only slot is taken").isNotDone();
        hashing.release();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hashing.availablePermits()).as("the slot is given back").isEqualTo(1);
    }
}
