package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.client.ClientMetadataJson.UnknownMembers;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.grant.ServerGrants;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Client metadata parsing as a fuzz target (seeded, so a failure replays): whatever the text, reading and checking it ends
 * in metadata that passes or in {@code invalid_client_metadata} / {@code invalid_redirect_uri}, never another exception.
 */
class ClientMetadataFuzzTest {
    private static final long SEED = 0xc11e47L;
    private static final String VALID = """
            {"redirect_uris":["https://app.example/cb","com.example.app:/cb"],"token_endpoint_auth_method":"private_key_jwt",
             "grant_types":["authorization_code","refresh_token","implicit"],"response_types":["code","id_token token"],
             "client_name":"Fuzz","client_uri":"https://app.example","logo_uri":"https://app.example/l.png","scope":"openid a",
             "contacts":["a@app.example"],"tos_uri":"https://app.example/tos","policy_uri":"https://app.example/p",
             "jwks":{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
             "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]},"software_id":"s","software_version":"1",
             "post_logout_redirect_uris":["https://app.example/bye"],"application_type":"native","audience":["https://api.example"],
             "access_token_format":"opaque","access_token_lifetime":60,"refresh_token_lifetime":600,"id_token_lifetime":60,
             "pkce_required":true,"first_party":false,"legacy_token_claims":false,"authorities":["ROLE_A"]}""";
    private static final List<String> MEMBERS = List.copyOf(ClientMetadataJson.ALL_MEMBERS);
    private static final String JUNK = "{}[]\",:\\ntrue0-1e999#*@ \u0000\u00e9\ud83d\ude00null/.:";
    private static final ClientMetadataValidator VALIDATOR = new ClientMetadataValidator(new ServerGrants(Set.of("authorization_code",
            "refresh_token", "implicit", "client_credentials")));

    @Test
    void theValidBodyPasses() {
        assertThat(outcome(VALID)).isNull();
    }

    @Test
    void mutatedMetadataIsAcceptedOrRefusedWithAnRfc7591Code() {
        Random random = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = mutate(VALID, random);
            OAuthError error = outcome(text);
            if (error != null) {
                refused++;
                assertThat(error).as(text).isIn(OAuthError.INVALID_CLIENT_METADATA, OAuthError.INVALID_REDIRECT_URI);
            }
        }
        assertThat(refused).as("the mutations reach the refusals").isGreaterThan(1000);
    }

    /** Null when the text is accepted, else the error; any other exception fails the test. */
    private static OAuthError outcome(String text) {
        try {
            for (UnknownMembers unknown : UnknownMembers.values()) {
                VALIDATOR.validate(ClientMetadataJson.read(ClientMetadataJson.parse(text), ClientMetadata.builder(),
                        ClientMetadataJson.ALL_MEMBERS, unknown).build());
            }
            return null;
        } catch (OAuthException e) {
            return e.error();
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, JUNK.charAt(random.nextInt(JUNK.length())));
                case 2 -> s.setCharAt(at, JUNK.charAt(random.nextInt(JUNK.length())));
                case 3 -> s.insert(at, "\"" + MEMBERS.get(random.nextInt(MEMBERS.size())) + "\":");
                default -> s.insert(at, "x".repeat(random.nextInt(3000)));
            }
        }
        return s.toString();
    }
}
