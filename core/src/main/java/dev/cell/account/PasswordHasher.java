package dev.cell.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashing (RFC 9106) with the OWASP parameters: 19 MiB, 2 passes, 1 lane. */
public final class PasswordHasher {
    /**
     * The function, made on first use: password4j allocates its 19 MiB block memory when a function is made and keeps
     * it for good, which a server that never checks a password (client credentials only) should not carry.
     */
    private static final class Argon2id {
        static final Argon2Function FUNCTION = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    }

    /**
     * A real hash (of a random password nobody knows, with the same parameters) checked when a user is unknown, so the
     * response time does not tell whether a username exists; a constant, so start-up does not pay for computing it.
     */
    private static final String DUMMY = "$argon2id$v=19$m=19456,t=2,p=1$rdoBwdhBfAyyLhtaVFtlJw$+nXyCIq3zCVsHsWI0fo8rBj/hzvWWWCR165oQ2x7/DY";

    /** Returns the PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash). */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(Argon2id.FUNCTION).getResult();
    }

    /** True if the password matches; a null hash (unknown user) costs the same time and answers false. */
    public boolean verify(String password, String hash) {
        if (hash == null) {
            Password.check(password, DUMMY).with(Argon2id.FUNCTION);
            return false;
        }
        if (!hash.startsWith("$argon2id$")) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
