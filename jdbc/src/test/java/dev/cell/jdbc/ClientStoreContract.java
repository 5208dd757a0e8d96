package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.client;
import static dev.cell.jdbc.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.ApplicationType;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.store.ClientStore;
import dev.cell.store.DuplicateException;
import dev.cell.token.AccessTokenFormat;
import java.time.Duration;
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
    default void everyMetadataMemberAndThePreviousSecretAreStored() {
        Client full = Client.builder().clientId("full").metadata(ClientMetadata.builder().clientName("Full")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_POST).grantTypes(Set.of("authorization_code", "implicit"))
                .responseTypes(Set.of("code", "token id_token")).redirectUris(List.of("com.example.app:/cb"))
                .clientUri("https://app.example").logoUri("https://app.example/logo.png").tosUri("https://app.example/tos")
                .policyUri("https://app.example/privacy").contacts(List.of("b@app.example", "a@app.example")).softwareId("sw")
                .softwareVersion("1.2").applicationType(ApplicationType.NATIVE).accessTokenLifetime(Duration.ofMinutes(5))
                .refreshTokenLifetime(Duration.ofDays(3)).idTokenLifetime(Duration.ofMinutes(1)).build())
                .secretHash("new-hash").previousSecret("old-hash", minutes(30)).createdAt(minutes(0)).version(1).build();
        clients().create(full);

        Client found = clients().find("full").orElseThrow();
        assertThat(found).isEqualTo(full);
        assertThat(found.metadata().responseTypes()).containsExactlyInAnyOrder("code", "id_token token");
        assertThat(found.metadata().contacts()).containsExactly("b@app.example", "a@app.example");

        Client cleared = full.toBuilder().metadata(m -> m.accessTokenLifetime(null).logoUri(null)).previousSecret(null, null)
                .updatedAt(minutes(2)).build();
        assertThat(clients().update(cleared)).isTrue();
        assertThat(clients().find("full")).contains(cleared.toBuilder().version(2).build());
    }

    @Test
    default void listsKeepTheirOrderAndNullsStayNull() {
        Client bare = Client.builder().clientId("spa").metadata(ClientMetadata.builder()
                .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://z.example/cb", "https://a.example/cb", "https://m.example/cb"))
                .accessTokenFormat(AccessTokenFormat.OPAQUE).build()).createdAt(minutes(0)).updatedAt(minutes(0)).version(1)
                .build();
        clients().create(bare);

        Client found = clients().find("spa").orElseThrow();
        assertThat(found).isEqualTo(bare);
        assertThat(found.redirectUris())
                .containsExactly("https://z.example/cb", "https://a.example/cb", "https://m.example/cb");
    }

    @Test
    default void theLegacyTokenClaimsFlagIsStoredAndUpdated() {
        Client legacy = Client.builder().clientId("legacy").metadata(ClientMetadata.builder().clientName("Legacy")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("password"))
                .scopes(Set.of("read")).authorities(Set.of("ROLE_CLIENT")).legacyTokenClaims(true).build())
                .createdAt(minutes(0)).updatedAt(minutes(0)).version(1).build();
        clients().create(legacy);
        assertThat(clients().find("legacy").orElseThrow().legacyTokenClaims()).isTrue();
        Client plain = Client.builder().clientId("legacy").metadata(ClientMetadata.builder().clientName("Legacy")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("password"))
                .scopes(Set.of("read")).authorities(Set.of("ROLE_CLIENT")).build()).createdAt(minutes(0)).updatedAt(minutes(1))
                .version(1).build();
        clients().update(plain);
        assertThat(clients().find("legacy").orElseThrow().legacyTokenClaims()).isFalse();
    }

    @Test
    default void theDpopBoundAccessTokensFlagIsStoredAndUpdated() {
        Client bound = Client.builder().clientId("bound").metadata(ClientMetadata.builder().clientName("Bound")
                .grantTypes(Set.of("client_credentials")).dpopBoundAccessTokens(true).build())
                .createdAt(minutes(0)).updatedAt(minutes(0)).version(1).build();
        clients().create(bound);
        assertThat(clients().find("bound").orElseThrow().dpopBoundAccessTokens()).isTrue();
        clients().update(bound.toBuilder().metadata(m -> m.dpopBoundAccessTokens(false)).updatedAt(minutes(1)).build());
        assertThat(clients().find("bound").orElseThrow().dpopBoundAccessTokens()).isFalse();
    }

    @Test
    default void theTokenExchangeSubjectsAreStoredAndUpdated() {
        Client gateway = Client.builder().clientId("gateway").metadata(ClientMetadata.builder().clientName("Gateway")
                .grantTypes(Set.of("urn:ietf:params:oauth:grant-type:token-exchange"))
                .tokenExchangeSubjects(Set.of("portal", "https://idp.example.com")).build())
                .createdAt(minutes(0)).updatedAt(minutes(0)).version(1).build();
        clients().create(gateway);
        assertThat(clients().find("gateway").orElseThrow().tokenExchangeSubjects()).containsExactlyInAnyOrder("portal", "https://idp.example.com");
        clients().update(gateway.toBuilder().metadata(m -> m.tokenExchangeSubjects(Set.of())).updatedAt(minutes(1)).build());
        assertThat(clients().find("gateway").orElseThrow().tokenExchangeSubjects()).isEmpty();
        assertThat(clients().find("gateway").orElseThrow().clientName()).isEqualTo("Gateway");
    }

    @Test
    default void thePkceSettingIsStoredAndUpdatedAndRequiredByDefault() {
        clients().create(client("default", 1));
        assertThat(clients().find("default").orElseThrow().pkceRequired()).isTrue();
        Client optional = Client.builder().clientId("rp").metadata(ClientMetadata.builder().clientName("RP")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://rp.example/cb")).scopes(Set.of("openid")).pkceRequired(false).build())
                .createdAt(minutes(0)).updatedAt(minutes(0)).version(1).build();
        clients().create(optional);
        assertThat(clients().find("rp")).contains(optional);
        Client required = Client.builder().clientId("rp").metadata(ClientMetadata.builder().clientName("RP")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("https://rp.example/cb")).scopes(Set.of("openid")).build()).createdAt(minutes(0))
                .updatedAt(minutes(1)).version(1).build();
        clients().update(required);
        assertThat(clients().find("rp").orElseThrow().pkceRequired()).isTrue();
        clients().update(optional);
        assertThat(clients().find("rp").orElseThrow().pkceRequired()).isFalse();
    }

    @Test
    default void theParAndRequestObjectRequirementsAreStoredAndUpdated() {
        clients().create(client("default", 1));
        assertThat(clients().find("default").orElseThrow().metadata().requirePushedAuthorizationRequests()).isFalse();
        assertThat(clients().find("default").orElseThrow().metadata().requireSignedRequestObject()).isFalse();
        Client strict = client("default", 1).toBuilder().metadata(client("default", 1).metadata().toBuilder()
                .requirePushedAuthorizationRequests(true).requireSignedRequestObject(true).build()).build();
        clients().update(strict);
        Client read = clients().find("default").orElseThrow();
        assertThat(read.metadata().requirePushedAuthorizationRequests()).isTrue();
        assertThat(read.metadata().requireSignedRequestObject()).isTrue();
    }

    @Test
    default void theBackchannelLogoutSettingsAreStoredAndUpdated() {
        clients().create(client("default", 1));
        assertThat(clients().find("default").orElseThrow().metadata().backchannelLogoutUri()).isNull();
        assertThat(clients().find("default").orElseThrow().metadata().backchannelLogoutSessionRequired()).isFalse();
        Client rp = client("default", 1).toBuilder().metadata(client("default", 1).metadata().toBuilder()
                .backchannelLogoutUri("https://rp.example/backchannel").backchannelLogoutSessionRequired(true).build()).build();
        clients().update(rp);
        Client read = clients().find("default").orElseThrow();
        assertThat(read.metadata().backchannelLogoutUri()).isEqualTo("https://rp.example/backchannel");
        assertThat(read.metadata().backchannelLogoutSessionRequired()).isTrue();
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
        Client changed = Client.builder().clientId("app").metadata(ClientMetadata.builder().clientName("Renamed")
                .tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of("client_credentials"))
                .redirectUris(List.of("https://c.example/cb")).scopes(Set.of("read")).audiences(List.of("api-9"))
                .accessTokenFormat(AccessTokenFormat.OPAQUE).jwksUri("https://c.example/jwks").build()).secretHash("new-hash")
                .createdAt(minutes(500)).updatedAt(minutes(5)).version(77).build();

        assertThat(clients().update(changed)).isTrue();
        assertThat(clients().update(changed)).isTrue();

        Client found = clients().find("app").orElseThrow();
        assertThat(found.createdAt()).isEqualTo(original.createdAt());
        assertThat(found.version()).isEqualTo(3);
        assertThat(found).isEqualTo(Client.builder().clientId("app").metadata(ClientMetadata.builder().clientName("Renamed")
                .tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).grantTypes(Set.of("client_credentials"))
                .redirectUris(List.of("https://c.example/cb")).scopes(Set.of("read")).audiences(List.of("api-9"))
                .accessTokenFormat(AccessTokenFormat.OPAQUE).jwksUri("https://c.example/jwks").build()).secretHash("new-hash")
                .createdAt(original.createdAt()).updatedAt(minutes(5)).version(3).build());
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
                .contains(client("app", 2).toBuilder().secretHash("rotated-hash").secretEncrypted("rotated-sealed").updatedAt(minutes(10)).build());
        assertThat(clients().version("app")).isEqualTo(OptionalLong.of(2));
        assertThat(clients().updateSecret("ghost", "h", null, minutes(10))).isFalse();
    }

    @Test
    default void updateIfVersionChangesOnlyTheVersionItWasReadAt() {
        clients().create(client("app", 1));
        Client read = clients().find("app").orElseThrow();
        Client renamed = read.toBuilder().metadata(m -> m.clientName("Renamed")).build();
        assertThat(clients().updateIfVersion(renamed, read.version())).isTrue();
        assertThat(clients().updateIfVersion(read.toBuilder().metadata(m -> m.clientName("Lost")).build(), read.version())).isFalse();
        assertThat(clients().find("app").orElseThrow().clientName()).isEqualTo("Renamed");
        assertThat(clients().version("app")).isEqualTo(OptionalLong.of(read.version() + 1));
        assertThat(clients().updateIfVersion(client("ghost", 1), 1)).isFalse();
    }

    @Test
    default void searchMatchesIdOrNameLiterallyAndPagesById() {
        for (String id : List.of("zeta", "alpha", "a_b", "axb")) {
            clients().create(client(id, 1).toBuilder().metadata(m -> m.clientName("Name of " + id.toUpperCase())).build());
        }
        assertThat(clients().search(null, null, 10)).extracting(Client::clientId).containsExactly("a_b", "alpha", "axb", "zeta");
        assertThat(clients().search("name of z", null, 10)).extracting(Client::clientId).containsExactly("zeta");
        assertThat(clients().search("a_", null, 10)).as("_ is no wildcard").extracting(Client::clientId).containsExactly("a_b");
        assertThat(clients().search(null, "alpha", 2)).extracting(Client::clientId).containsExactly("axb", "zeta");
    }

    @Test
    default void rotateSecretKeepsTheReplacedHashUntilItsGraceEnds() {
        clients().create(client("app", 1).toBuilder().secretHash("first").build());
        assertThat(clients().rotateSecret("app", "second", null, minutes(60), minutes(1))).isTrue();
        Client graced = clients().find("app").orElseThrow();
        assertThat(graced.secretHash()).isEqualTo("second");
        assertThat(graced.previousSecretHash()).isEqualTo("first");
        assertThat(graced.previousSecretExpiresAt()).isEqualTo(minutes(60));
        assertThat(clients().rotateSecret("app", "third", null, null, minutes(2))).isTrue();
        Client now = clients().find("app").orElseThrow();
        assertThat(now.secretHash()).isEqualTo("third");
        assertThat(now.previousSecretHash()).isNull();
        assertThat(now.previousSecretExpiresAt()).isNull();
        assertThat(clients().rotateSecret("ghost", "x", null, null, minutes(2))).isFalse();
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
