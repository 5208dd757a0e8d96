package dev.cell.jdbc;

import static dev.cell.jdbc.Fixtures.minutes;
import static dev.cell.jdbc.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.account.StandardClaims;
import dev.cell.account.User;
import dev.cell.store.DuplicateException;
import dev.cell.store.UserStore;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract of {@link UserStore}: lookups by id and username, uniqueness, partial updates. */
interface UserStoreContract extends StoreContract {
    private UserStore users() {
        return stores().users();
    }

    @Test
    default void createdUserReadsBackByIdAndByUsername() {
        User alice = user("u-1", "alice");
        users().create(alice);

        assertThat(users().findById("u-1")).contains(alice);
        assertThat(users().findByUsername("alice")).contains(alice);
        assertThat(users().findById("u-2")).isEmpty();
        assertThat(users().findByUsername("bob")).isEmpty();
    }

    @Test
    default void takenUserIdIsADuplicate() {
        users().create(user("u-1", "alice"));

        assertThatThrownBy(() -> users().create(user("u-1", "bob"))).isInstanceOf(DuplicateException.class);
        assertThat(users().findByUsername("bob")).isEmpty();
    }

    @Test
    default void takenUsernameIsADuplicate() {
        users().create(user("u-1", "alice"));

        assertThatThrownBy(() -> users().create(user("u-2", "alice"))).isInstanceOf(DuplicateException.class);
        assertThat(users().findById("u-2")).isEmpty();
    }

    @Test
    default void updateReplacesClaimsAuthoritiesAndDisabledOnly() {
        User alice = user("u-1", "alice");
        users().create(alice);
        User changed = new User("u-1", "mallory", "other-hash", Map.of("name", "Alice A."), Set.of("ROLE_USER"),
                true, minutes(100), minutes(7));

        assertThat(users().update(changed)).isTrue();

        assertThat(users().findById("u-1")).contains(new User("u-1", "alice", alice.passwordHash(),
                Map.of("name", "Alice A."), Set.of("ROLE_USER"), true, alice.createdAt(), minutes(7)));
        assertThat(users().update(user("u-9", "ghost"))).isFalse();
    }

    @Test
    default void everyStandardClaimRoundTripsWithItsType() {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        String[] kv = {"name", "Ada Lovelace", "given_name", "Ada", "family_name", "Lovelace", "middle_name", "Augusta",
            "nickname", "Ada", "preferred_username", "ada", "profile", "https://ada.example/p", "picture", "https://ada.example/a.png",
            "website", "http://ada.example", "email", "ada@example.com", "email_verified", "true", "gender", "female",
            "birthdate", "1815-12-10", "zoneinfo", "Europe/London", "locale", "en-GB", "phone_number", "+442071234567",
            "phone_number_verified", "false", "address.formatted", "12 St James's Square\nLondon", "address.street_address",
            "12 St James's Square", "address.locality", "London", "address.region", "Greater London",
            "address.postal_code", "SW1Y 4LB", "address.country", "GB"};
        for (int i = 0; i < kv.length; i += 2) {
            all.put(kv[i], kv[i + 1]);
        }
        Map<String, Object> claims = new StandardClaims(Map.of()).with(all).values();
        User ada = new User("u-1", "ada", null, claims, Set.of(), false, minutes(1), minutes(2));
        users().create(ada);
        assertThat(users().findById("u-1")).contains(ada);

        Map<String, String> cleared = new java.util.HashMap<>();
        cleared.put("nickname", null);
        cleared.put("address.region", null);
        User changed = new User("u-1", "ada", null, StandardClaims.of(claims).with(cleared).values(), Set.of(), false, minutes(1),
                minutes(5));
        users().update(changed);
        User found = users().findById("u-1").orElseThrow();
        assertThat(found).isEqualTo(changed);
        assertThat(found.claims()).doesNotContainKey("nickname").containsEntry("email_verified", true)
                .containsEntry("phone_number_verified", false);
        assertThat(found.updatedAt()).isEqualTo(minutes(5));
    }

    @Test
    default void updatePasswordReplacesTheHash() {
        users().create(user("u-1", "alice"));

        assertThat(users().updatePassword("u-1", "$argon2id$new", minutes(3))).isTrue();

        User found = users().findById("u-1").orElseThrow();
        assertThat(found.passwordHash()).isEqualTo("$argon2id$new");
        assertThat(found.updatedAt()).isEqualTo(minutes(3));
        assertThat(users().updatePassword("u-9", "$argon2id$new", minutes(3))).isFalse();
    }

    @Test
    default void listIsOrderedByUsername() {
        users().create(user("u-1", "carol"));
        users().create(user("u-2", "alice"));
        users().create(user("u-3", "bob"));

        assertThat(users().list()).extracting(User::username).containsExactly("alice", "bob", "carol");
    }

    @Test
    default void deleteRemovesTheUserAndFreesTheUsername() {
        users().create(user("u-1", "alice"));

        assertThat(users().delete("u-1")).isTrue();
        assertThat(users().delete("u-1")).isFalse();
        assertThat(users().findByUsername("alice")).isEmpty();
        users().create(user("u-2", "alice"));
        assertThat(users().findByUsername("alice")).map(User::id).contains("u-2");
    }
}
