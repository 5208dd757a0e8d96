package dev.cell.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsRequestTest {
    @Test
    void userinfoAndIdTokenMembersWithEssentialValueAndValues() {
        ClaimsRequest r = ClaimsRequest.parse("""
                {"userinfo":{"given_name":{"essential":true},"nickname":null,"email":{"value":"a@b.example"}},
                 "id_token":{"acr":{"essential":true,"values":["urn:cell:acr:pwd","other"]},"birthdate":null},
                 "future_member":{"x":1}}""");
        assertThat(r.userinfo()).containsExactlyInAnyOrder("given_name", "nickname", "email");
        assertThat(r.idToken()).containsExactlyInAnyOrder("acr", "birthdate");
        assertThat(r.acrEssential()).isTrue();
        assertThat(r.acrValues()).containsExactly("urn:cell:acr:pwd", "other");
        assertThat(r.requestsAcr()).isTrue();
        assertThat(Acr.satisfies(r)).isTrue();
    }

    @Test
    void limitedToTheClientsScopesAndKeptInCompactFormThatReadsBack() {
        ClaimsRequest r = ClaimsRequest.parse("""
                {"userinfo":{"given_name":{"essential":true},"phone_number":null,"shoe_size":null,"sub":null},
                 "id_token":{"acr":{"essential":true,"value":"urn:cell:acr:pwd"},"email":null,"updated_at":null}}""");
        ClaimsRequest limited = r.limitedTo(java.util.Set.of("openid", "profile", "email"));
        assertThat(limited.userinfo()).containsExactly("given_name");
        assertThat(limited.idToken()).containsExactlyInAnyOrder("acr", "email", "updated_at");
        assertThat(limited.scopes()).containsExactlyInAnyOrder("profile", "email");
        assertThat(ClaimsRequest.parse(limited.toJson())).isEqualTo(limited);
        assertThat(ClaimsRequest.parse(r.limitedTo(java.util.Set.of("openid")).toJson()).idToken()).containsExactly("acr");
        assertThat(r.limitedTo(java.util.Set.of("phone")).limitedTo(java.util.Set.of()).userinfo()).isEmpty();
        assertThat(ClaimsRequest.NONE.isEmpty()).isTrue();
    }

    @Test
    void absentIsNone() {
        assertThat(ClaimsRequest.parse(null)).isEqualTo(ClaimsRequest.NONE);
        assertThat(ClaimsRequest.parse("{}").userinfo()).isEmpty();
    }

    @Test
    void anEssentialAcrCellCannotMeetIsUnsatisfiable() {
        assertThat(Acr.satisfies(ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"essential\":true,\"value\":\"urn:mace:incommon:iap:silver\"}}}")))
                .isFalse();
        assertThat(Acr.satisfies(ClaimsRequest.parse("{\"id_token\":{\"acr\":{\"value\":\"urn:mace:incommon:iap:silver\"}}}"))).isTrue();
    }

    @Test
    void acrIsStatedWhenAcrValuesOrTheAcrClaimIsRequested() {
        assertThat(Acr.forRequest(List.of(), ClaimsRequest.NONE)).isNull();
        assertThat(Acr.forRequest(List.of("anything"), ClaimsRequest.NONE)).isEqualTo(Acr.PASSWORD);
        assertThat(Acr.forRequest(List.of(), ClaimsRequest.parse("{\"id_token\":{\"acr\":null}}"))).isEqualTo(Acr.PASSWORD);
    }

    @Test
    void malformedOrOversizedIsInvalidRequest() {
        for (String bad : List.of("not json", "[1]", "\"x\"", "{\"userinfo\":[]}", "{\"userinfo\":{\"email\":true}}",
                "{\"id_token\":{\"email\":{\"essential\":\"yes\"}}}", "{\"id_token\":{\"acr\":{\"values\":\"x\"}}}",
                "{\"userinfo\":{}, \"userinfo\":{}}", "{} {}", "{\"userinfo\":{\"email\":null}", "[".repeat(4000),
                "{\"userinfo\":" + "{\"a\":".repeat(1100))) {
            assertThatThrownBy(() -> ClaimsRequest.parse(bad)).as(bad).isInstanceOfSatisfying(OAuthException.class, e -> {
                assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST);
                assertThat(e.description()).matches("[ -~&&[^\"\\\\]]+");
            });
        }
        String big = "{\"userinfo\":{\"" + "x".repeat(ClaimsRequest.MAX_BYTES) + "\":null}}";
        assertThatThrownBy(() -> ClaimsRequest.parse(big)).hasMessageContaining("4096");
    }
}
