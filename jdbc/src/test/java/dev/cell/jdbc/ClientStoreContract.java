package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.client;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.store.ClientStore;
import dev.cell.store.DuplicateException;
import dev.cell.token.AccessTokenFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of {@link ClientStore}: round trips, version bumps, duplicates. */
interface ClientStoreContract extends StoreContract {
    private ClientStore clients() {
        return stores().clients();
    }

    @Test
    default void createdClientReadsBackWithVersionOne() {
        clients().create(client("app", 42));

        assertThat(clients().find("app")).contains(client("app", 1));
        assertThat(clients().version("app")).isEqualTo(OptionalLong.of(1));
    }

    @Test
    default void listsKeepTheirOrderAndNullsStayNull() {
        Client bare = new Client("spa", null, null, null, ClientAuthMethod.NONE, Set.of("authorization_code"),
                List.of("https://z.example/cb", "https://a.example/cb", "https://m.example/cb"), List.of(), Set.of(),
                List.of(), AccessTokenFormat.OPAQUE, false, null, null, Set.of(), minutes(0), minutes(0), 1, false);
        clients().create(bare);

        Client found = clients().find("spa").orElseThrow();
        assertThat(found).isEqualTo(bare);
        assertThat(found.redirectUris())
                .containsExactly("https://z.example/cb", "https://a.example/cb", "https://m.example/cb");
    }

    @Test
    default void theLegacyTokenClaimsFlagIsStoredAndUpdated() {
        Client legacy = new Client("legacy", "Legacy", null, null, ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("password"), List.of(),
                List.of(), Set.of("read"), List.of(), AccessTokenFormat.JWT, false, null, null, Set.of("ROLE_CLIENT"), minutes(0),
                minutes(0), 1, true);
        clients().create(legacy);
        assertThat(clients().find("legacy").orElseThrow().legacyTokenClaims()).isTrue();
        Client plain = new Client("legacy", "Legacy", null, null, ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("password"), List.of(),
                List.of(), Set.of("read"), List.of(), AccessTokenFormat.JWT, false, null, null, Set.of("ROLE_CLIENT"), minutes(0),
                minutes(1), 1, false);
        clients().update(plain);
        assertThat(clients().find("legacy").orElseThrow().legacyTokenClaims()).isFalse();
    }

    @Test
    default void thePkceSettingIsStoredAndUpdatedAndRequiredByDefault() {
        clients().create(client("default", 1));
        assertThat(clients().find("default").orElseThrow().pkceRequired()).isTrue();
        Client optional = new Client("rp", "RP", null, null, ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("authorization_code"),
                List.of("https://rp.example/cb"), List.of(), Set.of("openid"), List.of(), AccessTokenFormat.JWT, false, null, null, Set.of(),
                minutes(0), minutes(0), 1, false, false);
        clients().create(optional);
        assertThat(clients().find("rp")).contains(optional);
        Client required = new Client("rp", "RP", null, null, ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("authorization_code"),
                List.of("https://rp.example/cb"), List.of(), Set.of("openid"), List.of(), AccessTokenFormat.JWT, false, null, null, Set.of(),
                minutes(0), minutes(1), 1, false, true);
        clients().update(required);
        assertThat(clients().find("rp").orElseThrow().pkceRequired()).isTrue();
        clients().update(optional);
        assertThat(clients().find("rp").orElseThrow().pkceRequired()).isFalse();
    }

    @Test
    default void takenClientIdIsADuplicate() {
        clients().create(client("app", 1));

        assertThatThrownBy(() -> clients().create(client("app", 1))).isInstanceOf(DuplicateException.class);
    }

    @Test
    default void unknownClientHasNoRowAndNoVersion() {
        assertThat(clients().find("nobody")).isEmpty();
        assertThat(clients().version("nobody")).isEmpty();
    }

    @Test
    default void updateReplacesFieldsKeepsCreationTimeAndBumpsVersion() {
        Client original = client("app", 1);
        clients().create(original);
        Client changed = new Client("app", "Renamed", "new-hash", null, ClientAuthMethod.PRIVATE_KEY_JWT,
                Set.of("client_credentials"), List.of("https://c.example/cb"), List.of(), Set.of("read"),
                List.of("api-9"), AccessTokenFormat.OPAQUE, false, null, "https://c.example/jwks", Set.of(),
                minutes(500), minutes(5), 77, false);

        assertThat(clients().update(changed)).isTrue();
        assertThat(clients().update(changed)).isTrue();

        Client found = clients().find("app").orElseThrow();
        assertThat(found.createdAt()).isEqualTo(original.createdAt());
        assertThat(found.version()).isEqualTo(3);
        assertThat(found).isEqualTo(new Client("app", "Renamed", "new-hash", null, ClientAuthMethod.PRIVATE_KEY_JWT,
                Set.of("client_credentials"), List.of("https://c.example/cb"), List.of(), Set.of("read"),
                List.of("api-9"), AccessTokenFormat.OPAQUE, false, null, "https://c.example/jwks", Set.of(),
                original.createdAt(), minutes(5), 3, false));
    }

    @Test
    default void updateOfUnknownClientIsFalse() {
        assertThat(clients().update(client("ghost", 1))).isFalse();
        assertThat(clients().find("ghost")).isEmpty();
    }

    @Test
    default void updateSecretReplacesOnlyTheSecretAndBumpsVersion() {
        clients().create(client("app", 1));

        assertThat(clients().updateSecret("app", "rotated-hash", "rotated-sealed", minutes(10))).isTrue();

        assertThat(clients().find("app"))
                .contains(client("app", 2).withSecret("rotated-hash", "rotated-sealed", minutes(10)));
        assertThat(clients().version("app")).isEqualTo(OptionalLong.of(2));
        assertThat(clients().updateSecret("ghost", "h", null, minutes(10))).isFalse();
    }

    @Test
    default void listIsOrderedByClientId() {
        clients().create(client("charlie", 1));
        clients().create(client("alpha", 1));
        clients().create(client("bravo", 1));

        assertThat(clients().list()).extracting(Client::clientId).containsExactly("alpha", "bravo", "charlie");
    }

    @Test
    default void deleteRemovesTheClientOnce() {
        clients().create(client("app", 1));

        assertThat(clients().delete("app")).isTrue();
        assertThat(clients().delete("app")).isFalse();
        assertThat(clients().find("app")).isEmpty();
        assertThat(clients().version("app")).isEmpty();
    }
}
