package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.store.ServerSecretStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link ServerSecretStore}: a secret is made once, and nodes racing to make it all get the one stored. */
interface ServerSecretStoreContract {
    ServerSecretStore serverSecrets();

    @Test
    default void theFirstValueStoredIsTheOneEveryCallerGets() {
        assertThat(serverSecrets().findOrCreate("csrf", "sealed-1", "mk-1", NOW)).isEqualTo("sealed-1");
        assertThat(serverSecrets().findOrCreate("csrf", "sealed-2", "mk-1", NOW)).isEqualTo("sealed-1");
        assertThat(serverSecrets().findOrCreate("other", "sealed-3", "mk-1", NOW)).isEqualTo("sealed-3");
    }

    @Test
    default void concurrentCreatorsAllGetTheOneValueStored() throws Exception {
        List<String> got = Race.run(16, i -> serverSecrets().findOrCreate("race", "sealed-" + i, "mk-1", NOW));

        assertThat(got).hasSize(16).containsOnly(got.get(0));
    }
}
