package dev.cell.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.account.User;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserInfoClaimsTest {
    private static final Instant UPDATED = Instant.parse("2025-03-04T05:06:07Z");
    private static final User USER = new User("u-1", "alice", "$argon2id$x",
            Map.of("name", "Alice Liddell", "given_name", "Alice", "email", "alice@example.com", "email_verified", true,
                    "phone_number", "+1 555 0100", "address", Map.of("country", "GB"), "internal_note", "never released"),
            Set.of("ROLE_USER"), false, UPDATED, UPDATED);

    @Test
    void subAlone() {
        assertThat(UserInfoClaims.release(USER, Set.of("openid"), java.util.List.of())).containsExactly(Map.entry("sub", "u-1"));
    }

    @Test
    void profileReleasesProfileClaimsTheUserHas() {
        Map<String, Object> c = UserInfoClaims.release(USER, Set.of("openid", "profile"), java.util.List.of());
        assertThat(c).containsEntry("name", "Alice Liddell").containsEntry("given_name", "Alice")
                .containsEntry("preferred_username", "alice").containsEntry("updated_at", UPDATED.getEpochSecond())
                .doesNotContainKeys("family_name", "email", "phone_number", "address", "internal_note");
    }

    @Test
    void aSetPreferredUsernameWins() {
        User u = new User("u-2", "bob", null, Map.of("preferred_username", "bobby"), Set.of(), false, UPDATED, UPDATED);
        assertThat(UserInfoClaims.release(u, Set.of("profile"), java.util.List.of())).containsEntry("preferred_username", "bobby");
    }

    @Test
    void emailPhoneAndAddressEachReleaseTheirOwn() {
        assertThat(UserInfoClaims.release(USER, Set.of("email"), java.util.List.of())).containsOnlyKeys("sub", "email", "email_verified");
        assertThat(UserInfoClaims.release(USER, Set.of("phone"), java.util.List.of())).containsOnlyKeys("sub", "phone_number");
        assertThat(UserInfoClaims.release(USER, Set.of("address"), java.util.List.of())).containsEntry("address", Map.of("country", "GB"))
                .containsOnlyKeys("sub", "address");
        assertThat(UserInfoClaims.release(USER, Set.of("openid", "profile", "email", "phone", "address"), java.util.List.of())).doesNotContainKey("internal_note");
    }

    @Test
    void individuallyRequestedClaimsAreReleasedWithoutTheScopeButOnlyKnownOnesTheUserHas() {
        assertThat(UserInfoClaims.release(USER, Set.of("openid"), java.util.List.of("given_name", "family_name", "internal_note", "acr")))
                .containsExactly(Map.entry("sub", "u-1"), Map.entry("given_name", "Alice"));
    }

    @Test
    void idTokensCarryScopeClaimsOnlyWithoutAnAccessTokenAndRequestedClaimsAlways() {
        ClaimsRequest requested = ClaimsRequest.parse("{\"id_token\":{\"given_name\":null}}");
        assertThat(IdTokenClaims.of(USER, Set.of("openid", "email"), requested, false, Acr.PASSWORD, java.util.List.of("pwd")))
                .containsOnlyKeys("email", "email_verified", "given_name", "acr", "amr").containsEntry("acr", "urn:cell:acr:pwd")
                .containsEntry("amr", java.util.List.of("pwd"));
        assertThat(IdTokenClaims.of(USER, Set.of("openid", "email"), requested, true, null, java.util.List.of()))
                .containsOnlyKeys("given_name");
    }
}
