package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.NOW;
import static dev.cell.jdbc.Fixtures.id;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.registration.ClientRegistration;
import dev.cell.store.ClientRegistrationStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of {@link ClientRegistrationStore}: registration access tokens (RFC 7592), rotated by compare-and-set, gone with the client. */
interface ClientRegistrationStoreContract extends StoreContract {
    private ClientRegistrationStore registrations() {
        return stores().clientRegistrations();
    }

    private ClientRegistration registered(String clientId, String tokenHash) {
        stores().clients().create(Fixtures.client(clientId, 1));
        ClientRegistration r = new ClientRegistration(clientId, Set.of("notes.read"), true, "iat-1", minutes(-1), minutes(-1));
        registrations().create(r, tokenHash);
        return r;
    }

    @Test
    default void aRegistrationIsFoundByItsTokenUntilTheTokenIsRotated() {
        String clientId = id("client");
        ClientRegistration r = registered(clientId, "rat-1-" + clientId);

        assertThat(registrations().findByToken("rat-1-" + clientId)).contains(r);
        assertThat(registrations().rotate(clientId, "rat-1-" + clientId, "rat-2-" + clientId, NOW)).isTrue();
        assertThat(registrations().findByToken("rat-1-" + clientId)).isEmpty();
        ClientRegistration after = registrations().findByToken("rat-2-" + clientId).orElseThrow();
        assertThat(after.updatedAt()).isEqualTo(NOW);
        assertThat(after.allowedScopes()).containsExactly("notes.read");
        assertThat(after.anonymous()).isTrue();
        assertThat(registrations().rotate(clientId, "rat-1-" + clientId, "rat-3-" + clientId, NOW)).as("an old token").isFalse();
    }

    @Test
    default void ofConcurrentRotationsWithOneTokenExactlyOneWins() throws Exception {
        String clientId = id("client");
        registered(clientId, "rat-" + clientId);

        List<Boolean> rotated = Race.run(8, i -> registrations().rotate(clientId, "rat-" + clientId, "rat-" + i + "-" + clientId, NOW));

        assertThat(rotated).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    default void theRegistrationGoesWithItsClient() {
        String clientId = id("client");
        registered(clientId, "rat-" + clientId);

        assertThat(stores().clients().delete(clientId)).isTrue();

        assertThat(registrations().findByToken("rat-" + clientId)).isEmpty();
    }
}
