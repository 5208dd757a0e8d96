package dev.cell.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registered and fetched JWK sets (RFC 7517 §5) and jwks_uri values (RFC 7591 §2). */
class PublicJwksTest {
    @Test
    void aPublicSetIsStoredWithPublicMembersOnly() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        String stored = PublicJwks.parse(new JWKSet(ec.toPublicJWK()).toString());
        assertThat(JWKSet.parse(stored).getKeys()).containsExactly(ec.toPublicJWK());
    }

    @Test
    void privateMaterialWeakRsaSymmetricAndEncryptionKeysAreRefused() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        assertThatThrownBy(() -> PublicJwks.parse(new JWKSet(ec).toString(false))).hasMessageContaining("private key material");
        String weak = new JWKSet(new RSAKeyGenerator(1024, true).keyID("small").generate().toPublicJWK()).toString();
        assertThatThrownBy(() -> PublicJwks.parse(weak)).hasMessageContaining("'small'");
        OctetSequenceKey oct = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
        assertThatThrownBy(() -> PublicJwks.parse("{\"keys\":[" + oct.toJSONString() + "]}")).hasMessageContaining("'hmac'");
        ECKey enc = new ECKeyGenerator(Curve.P_256).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        assertThatThrownBy(() -> PublicJwks.parse(new JWKSet(enc.toPublicJWK()).toString())).hasMessageContaining("'enc'");
        assertThatThrownBy(() -> PublicJwks.parse("{\"keys\":[]}")).hasMessageContaining("no keys");
        assertThatThrownBy(() -> PublicJwks.parse("not json")).hasMessageContaining("not a JWK set");
    }

    @Test
    void aFetchedSetKeepsOnlyItsUsableKeys() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("sig").generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
        assertThat(PublicJwks.usableKeys(new JWKSet(List.of(ec.toPublicJWK(), p384.toPublicJWK())).toString())).containsExactly(ec.toPublicJWK());
    }

    @Test
    void aJwksUriIsHttpsOrLoopbackHttp() {
        assertThat(PublicJwks.checkUri("https://keys.example.com/jwks")).isEqualTo("https://keys.example.com/jwks");
        assertThat(PublicJwks.checkUri("http://127.0.0.1:8080/jwks")).isEqualTo("http://127.0.0.1:8080/jwks");
        assertThatThrownBy(() -> PublicJwks.checkUri("http://keys.example.com/jwks")).hasMessageContaining("https");
        assertThatThrownBy(() -> PublicJwks.checkUri("/relative")).hasMessageContaining("https");
        assertThatThrownBy(() -> PublicJwks.checkUri("https://keys.example.com/jwks#frag")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> PublicJwks.checkUri("https://bad host/")).hasMessageContaining("not a valid URI");
    }
}
