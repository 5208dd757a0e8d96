package dev.cell.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardClaimsTest {
    private static final StandardClaims NONE = new StandardClaims(Map.of());

    private static Map<String, String> changes(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Every claim of OIDC Core section 5.1, well formed. */
    public static final Map<String, String> ALL = changes("name", "Ada Lovelace", "given_name", "Ada", "family_name", "Lovelace",
            "middle_name", "Augusta", "nickname", "Ada", "preferred_username", "ada", "profile", "https://ada.example/profile",
            "picture", "https://ada.example/ada.png", "website", "http://ada.example", "email", "ada@example.com", "email_verified", "true",
            "gender", "female", "birthdate", "1815-12-10", "zoneinfo", "Europe/London", "locale", "en-GB", "phone_number", "+442071234567",
            "phone_number_verified", "false", "address.formatted", "12 St James's Square\nLondon", "address.street_address",
            "12 St James's Square", "address.locality", "London", "address.region", "Greater London", "address.postal_code", "SW1Y 4LB",
            "address.country", "GB");

    @Test
    @SuppressWarnings("unchecked")
    void everyStandardClaimIsAccepted() {
        StandardClaims c = NONE.with(ALL);
        assertThat(c.values()).containsEntry("given_name", "Ada").containsEntry("email_verified", true)
                .containsEntry("phone_number_verified", false).containsEntry("birthdate", "1815-12-10");
        assertThat(c.values().keySet()).containsExactlyInAnyOrderElementsOf(StandardClaims.NAMES);
        assertThat((Map<Object, Object>) c.values().get("address")).containsEntry("locality", "London").containsEntry("country", "GB").hasSize(6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void nullClearsAClaimOrAnAddressMember() {
        StandardClaims c = NONE.with(ALL).with(changes("nickname", null, "address.region", null));
        assertThat(c.values()).doesNotContainKey("nickname");
        assertThat((Map<Object, Object>) c.values().get("address")).doesNotContainKey("region").containsKey("locality");
        assertThat(c.with(changes("address", null)).values()).doesNotContainKey("address");
        assertThat(NONE.with(changes("address.locality", "Paris")).with(changes("address.locality", null)).values()).isEmpty();
    }

    @Test
    void aNewEmailOrPhoneIsUnverifiedUnlessSaidOtherwise() {
        StandardClaims verified = NONE.with(changes("email", "ada@example.com", "email_verified", "true"));
        assertThat(verified.values()).containsEntry("email_verified", true);
        assertThat(verified.with(changes("email", "ada@example.com")).values()).containsEntry("email_verified", true);
        assertThat(verified.with(changes("email", "ada@other.example")).values()).containsEntry("email_verified", false);
        assertThat(NONE.with(changes("phone_number", "+33123456789")).values()).containsEntry("phone_number_verified", false);
    }

    @Test
    void badlyFormedValuesAreRefusedWithTheRule() {
        Map<String, String> bad = new HashMap<>();
        bad.put("email", "not-an-email");
        bad.put("birthdate", "10/12/1815");
        bad.put("zoneinfo", "Mars/Olympus");
        bad.put("locale", "english please");
        bad.put("phone_number", "020 7123 4567");
        bad.put("website", "javascript:alert(1)");
        bad.put("picture", "ftp://ada.example/a.png");
        bad.put("email_verified", "yes");
        bad.put("name", "x".repeat(256));
        bad.put("nickname", "tab\there");
        bad.put("given_name", " ");
        bad.put("birthdate", "1815-02-30");
        bad.forEach((name, value) -> assertThatThrownBy(() -> NONE.with(changes(name, value)))
                .as(name + "=" + value).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name));
        assertThat(NONE.with(changes("birthdate", "1815")).values()).containsEntry("birthdate", "1815");
        assertThat(NONE.with(changes("birthdate", "0000-12-10")).values()).containsEntry("birthdate", "0000-12-10");
        assertThat(NONE.with(changes("phone_number", "+14155552671;ext=123")).values()).containsKey("phone_number");
    }

    @Test
    void unknownClaimsAndAddressMembersAreRefused() {
        assertThatThrownBy(() -> NONE.with(changes("shoe_size", "42"))).hasMessageContaining("not a standard claim");
        assertThatThrownBy(() -> NONE.with(changes("address.planet", "Earth"))).hasMessageContaining("not an address member");
        assertThatThrownBy(() -> NONE.with(changes("address", "London"))).hasMessageContaining("address.locality");
        assertThatThrownBy(() -> NONE.with(changes("sub", "x"))).hasMessageContaining("not a standard claim");
        assertThatThrownBy(() -> NONE.with(changes("updated_at", "1"))).hasMessageContaining("not a standard claim");
    }

    @Test
    void ofKeepsOnlyStandardClaims() {
        assertThat(StandardClaims.of(Map.of("email", "a@b.example", "roles", "x")).values()).containsOnlyKeys("email");
    }
}
