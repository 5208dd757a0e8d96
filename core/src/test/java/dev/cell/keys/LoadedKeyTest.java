package dev.cell.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A loaded key verifies what it signed, with one verifier made when it was opened, and nothing else. */
class LoadedKeyTest {
    private static final MasterKey MASTER = MasterKey.parse(MasterKey.generate(new SecureRandom()), new SecureRandom());
    private static final SigningKeyFactory FACTORY = new SigningKeyFactory(MASTER, 2048);
    private static final byte[] PAYLOAD = "{\"sub\":\"s\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8);

    @Test
    void eachAlgorithmVerifiesItsOwnSignaturesAndRefusesAnotherKeysOrAlteredOnes() throws Exception {
        for (String alg : new String[] {"RS256", "ES256"}) {
            LoadedKey key = LoadedKey.open(FACTORY.generate(alg, Instant.now()), MASTER);
            LoadedKey other = LoadedKey.open(FACTORY.generate(alg, Instant.now()), MASTER);
            String token = key.signAccessToken(PAYLOAD);
            assertThat(key.verifies(JWSObject.parse(token))).as(alg).isTrue();
            assertThat(key.verifies(JWSObject.parse(key.signJwt(PAYLOAD)))).as(alg).isTrue();
            assertThat(other.verifies(JWSObject.parse(token))).as(alg + " by another key").isFalse();
            String[] parts = token.split("\\.");
            String altered = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode("{\"sub\":\"admin\"}") + "." + parts[2];
            assertThat(key.verifies(JWSObject.parse(altered))).as(alg + " altered").isFalse();
            assertThat(key.publicJwk().isPrivate()).isFalse();
            assertThat(key.publicJwk()).isSameAs(key.publicJwk());
        }
    }

    @Test
    void thePayloadIsBase64urlWithoutPaddingWhateverItsLength() throws Exception {
        LoadedKey key = LoadedKey.open(FACTORY.generate("ES256", Instant.now()), MASTER);
        // "??>" gives a '+' in plain base64, and the three lengths give every padding case
        for (String json : new String[] {"{\"a\":\"??>~\"}", "{\"a\":\"??>~~\"}", "{\"a\":\"??>~~~\"}"}) {
            String token = key.signAccessToken(json.getBytes(StandardCharsets.UTF_8));
            String payload = token.split("\\.")[1];
            assertThat(payload).as(json).doesNotContain("+", "/", "=");
            JWSObject parsed = JWSObject.parse(token);
            assertThat(parsed.getPayload().toString()).isEqualTo(json);
            assertThat(key.verifies(parsed)).isTrue();
        }
    }
}
