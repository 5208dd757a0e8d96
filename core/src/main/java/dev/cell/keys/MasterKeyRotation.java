package dev.cell.keys;

import dev.cell.store.SealedSecretStore;
import dev.cell.store.SealedSecretStore.Kind;
import dev.cell.store.SealedSecretStore.Resealed;
import dev.cell.store.SealedSecretStore.Sealed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Master key rotation (NIST SP 800-57 Part 1 §5.3): opens every sealed value with the current master key and seals it
 * under the next, all in one transaction; values already under the next key are left alone, so a run that was cut short
 * can simply be run again.
 */
public final class MasterKeyRotation {
    private MasterKeyRotation() {}

    /** How many values were re-sealed, by kind, and how many were already under the next key. */
    public record Result(int signingKeys, int clientSecrets, int serverSecrets, int alreadyUnderNext) {}

    /** @throws IllegalStateException naming the value that neither key opens; nothing is changed then */
    public static Result rotate(SealedSecretStore store, MasterKey current, MasterKey next, Instant now) {
        if (current.id().equals(next.id())) {
            throw new IllegalArgumentException("the new master key is the current one (" + current.id() + ")");
        }
        List<Resealed> changes = new ArrayList<>();
        int already = 0;
        for (Sealed s : store.listAll()) {
            if (opens(next, s.sealedValue())) {
                already++;
                continue;
            }
            if (!opens(current, s.sealedValue())) {
                throw new IllegalStateException(describe(s) + " opens with neither the current master key " + current.id()
                        + " nor the new one " + next.id() + "; nothing was changed");
            }
            changes.add(new Resealed(s, next.seal(current.open(s.sealedValue())), next.id()));
        }
        store.replaceAll(changes, now);
        return new Result(count(changes, Kind.SIGNING_KEY), count(changes, Kind.CLIENT_SECRET), count(changes, Kind.SERVER_SECRET), already);
    }

    private static int count(List<Resealed> changes, Kind kind) {
        return (int) changes.stream().filter(r -> r.previous().kind() == kind).count();
    }

    private static boolean opens(MasterKey key, String sealed) {
        try {
            key.open(sealed);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Sealed s) {
        return switch (s.kind()) {
            case SIGNING_KEY -> "signing key " + s.id();
            case CLIENT_SECRET -> "the secret of client " + s.id();
            case SERVER_SECRET -> "server secret " + s.id();
        };
    }
}
