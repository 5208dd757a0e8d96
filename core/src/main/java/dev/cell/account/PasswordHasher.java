package dev.cell.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id password hashing (RFC 9106) with OWASP's 7 MiB, 5 passes, 1 lane, one of its equivalent parameter sets, the
 * one with the least memory; at most a fixed number of hashes at once, so a burst of logins waits instead of
 * exhausting the heap.
 */
public final class PasswordHasher {
    /**
     * The function, made on first use: password4j allocates its 7 MiB block memory when a function is made and keeps
     * it for good (and copies it for each hash), which a server that never checks a password should not carry.
     */
    private static final class Argon2id {
        static final Argon2Function FUNCTION = Argon2Function.getInstance(7 * 1024, 5, 1, 32, Argon2.ID);
    }

    /**
     * A real hash (of a random password nobody knows, with the same parameters) checked when a user is unknown, so the
     * response time does not tell whether a username exists; a constant, so start-up does not pay for computing it.
     */
    private static final String DUMMY = "$argon2id$v=19$m=7168,t=5,p=1$hwoonUFDZTCQHlXb16qNKw$+Mm62tbUn/EIPqHSpHljT5FTRBXsEklAuOenCTTffto";
    private final Semaphore hashing;

    /** One hash at a time. */
    public PasswordHasher() {
        this(1);
    }

    /** At most {@code concurrentHashes} hashes at once; each needs 7 MiB of heap while it runs. */
    public PasswordHasher(int concurrentHashes) {
        this(new Semaphore(concurrentHashes, true));
    }

    PasswordHasher(Semaphore hashing) {
        this.hashing = hashing;
    }

    /** Returns the PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash). */
    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(16).with(Argon2id.FUNCTION).getResult());
    }

    /** True if the password matches; a null hash (unknown user) costs the same time and answers false. */
    public boolean verify(String password, String hash) {
        if (hash == null) {
            bounded(() -> Password.check(password, DUMMY).with(Argon2id.FUNCTION));
            return false;
        }
        if (!hash.startsWith("$argon2id$")) {
            return false;
        }
        return bounded(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash)));
    }

    private <T> T bounded(Supplier<T> work) {
        hashing.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }
}
