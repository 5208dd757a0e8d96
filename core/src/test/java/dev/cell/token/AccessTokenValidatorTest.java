package dev.cell.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.Client;
import dev.cell.keys.LoadedKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.support.TestWorld;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenValidatorTest {
    private final TestWorld w = new TestWorld();
    private final Client web = TestWorld.client("web");
    private final Client opaqueClient = TestWorld.client("opaque", AccessTokenFormat.OPAQUE, Set.of("authorization_code"),
            List.of(TestWorld.REDIRECT));

    private String userToken(Client client) {
        return w.accessTokens.issue(new AccessTokenRequest(client, "user-alice", Set.of("read", "openid"), "grant-1",
                Map.of("auth_time", w.clock.instant().getEpochSecond()))).value();
    }

    private LoadedKey rsa() {
        return w.keys.signingKey("RS256");
    }

    private String payload(String iss, Instant exp, String gid) {
        Instant now = w.clock.instant();
        StringBuilder b = new StringBuilder("{\"iss\":\"" + iss + "\",\"sub\":\"user-alice\",\"aud\":\"web\",\"exp\":"
                + exp.getEpochSecond() + ",\"iat\":" + now.getEpochSecond() + ",\"jti\":\"j1\",\"client_id\":\"web\",\"auth_time\":1");
        if (gid != null) {
            b.append(",\"gid\":\"").append(gid).append('"');
        }
        return b.append('}').toString();
    }

    private String signed(String payload) {
        return rsa().signAccessToken(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJwtFromTheIssuerIsValid() {
        ValidatedAccessToken t = w.validator.validate(userToken(web)).orElseThrow();
        assertThat(t.subject()).isEqualTo("user-alice");
        assertThat(t.userId()).isEqualTo("user-alice");
        assertThat(t.clientId()).isEqualTo("web");
        assertThat(t.scopes()).containsExactlyInAnyOrder("read", "openid");
        assertThat(t.grantId()).isEqualTo("grant-1");
        assertThat(t.jti()).isNotBlank();
        assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(w.clock.instant().plus(TestWorld.ACCESS_LIFETIME).getEpochSecond()));
        assertThat(t.claims()).containsEntry("gid", "grant-1").containsKey("auth_time");
        assertThat(w.validator.validate(signed(payload(TestWorld.ISSUER.toString(), w.clock.instant().plusSeconds(60), "g"))))
                .as("the test's own forging helper makes valid tokens when nothing is wrong").isPresent();
    }

    @Test
    void aClientsOwnTokenHasNoUser() {
        ValidatedAccessToken t = w.validator.validate(w.accessTokens.issue(new AccessTokenRequest(web, null, Set.of("read"), "g2", Map.of()))
                .value()).orElseThrow();
        assertThat(t.subject()).isEqualTo("web");
        assertThat(t.userId()).isNull();
    }

    /** RFC 9493 section 3.2.3: a subject named with its issuer in sub_id is that issuer's, never a Cell user, in either format. */
    @Test
    void anExternalSubjectsTokenHasNoUser() {
        for (Client client : java.util.List.of(web, opaqueClient)) {
            ExternalSubject external = new ExternalSubject("https://partner.example", "user-alice");
            ValidatedAccessToken t = w.validator.validate(w.accessTokens.issue(new AccessTokenRequest(client, null, Set.of("read"), "g3",
                    external.claims())).value()).orElseThrow();
            assertThat(t.subject()).as(client.clientId()).isEqualTo("user-alice");
            assertThat(t.userId()).as(client.clientId()).isNull();
            assertThat(ExternalSubject.in(t.claims())).as(client.clientId()).contains(external);
        }
    }

    @Test
    void esTokensAreValidToo() {
        AccessTokenIssuer es = new AccessTokenIssuer(TestWorld.ISSUER, "ES256", TestWorld.ACCESS_LIFETIME, w.keys, w.tokens, w.random, w.clock);
        assertThat(w.validator.validate(es.issue(new AccessTokenRequest(web, "u", Set.of(), "g", Map.of("auth_time", 1L))).value()))
                .isPresent();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = userToken(web);
        w.clock.advance(TestWorld.ACCESS_LIFETIME);
        assertThat(w.validator.validate(token)).isEmpty();
    }

    @Test
    void anotherIssuersTokenIsRefused() {
        assertThat(w.validator.validate(signed(payload("https://evil.example.com", w.clock.instant().plusSeconds(60), "g")))).isEmpty();
        AccessTokenValidator other = new AccessTokenValidator(new IssuedJwtVerifier(java.net.URI.create("https://other.example.com"), w.keys), w.tokens,
                w.revoked, w.clock);
        assertThat(other.validate(userToken(web))).isEmpty();
    }

    @Test
    void aTokenWithoutGrantIdIsRefused() {
        assertThat(w.validator.validate(signed(payload(TestWorld.ISSUER.toString(), w.clock.instant().plusSeconds(60), null)))).isEmpty();
    }

    @Test
    void algNoneIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + rsa().kid() + "\"}").toString();
        String body = Base64URL.encode(payload(TestWorld.ISSUER.toString(), w.clock.instant().plusSeconds(60), "g")).toString();
        assertThat(w.validator.validate(header + "." + body + ".")).isEmpty();
        String[] real = userToken(web).split("\\.");
        assertThat(w.validator.validate(header + "." + real[1] + "." + real[2])).isEmpty();
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() throws Exception {
        byte[] secret = rsa().publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa().kid()).type(new JOSEObjectType("at+jwt")).build(),
                JWTClaimsSet.parse(payload(TestWorld.ISSUER.toString(), w.clock.instant().plusSeconds(60), "g")));
        jwt.sign(new MACSigner(secret));
        assertThat(w.validator.validate(jwt.serialize())).isEmpty();
    }

    @Test
    void anUnknownKidOrAMismatchedAlgIsRefused() {
        SigningKeyFactory factory = new SigningKeyFactory(TestWorld.MASTER, 2048);
        LoadedKey stranger = LoadedKey.open(factory.generate("ES256", w.clock.instant()), TestWorld.MASTER);
        String payload = payload(TestWorld.ISSUER.toString(), w.clock.instant().plusSeconds(60), "g");
        assertThat(w.validator.validate(stranger.signAccessToken(payload.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        LoadedKey es = w.keys.signingKey("ES256");
        String header = Base64URL.encode("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + es.kid() + "\"}").toString();
        String[] real = signed(payload).split("\\.");
        assertThat(w.validator.validate(header + "." + real[1] + "." + real[2])).isEmpty();
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = userToken(web).split("\\.");
        String body = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replace("\"read openid\"", "\"admin\"")
                .replace("\"openid read\"", "\"admin\"");
        assertThat(body).contains("admin");
        assertThat(w.validator.validate(parts[0] + "." + Base64URL.encode(body) + "." + parts[2])).isEmpty();
        char last = parts[2].charAt(10);
        String sig = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertThat(w.validator.validate(parts[0] + "." + parts[1] + "." + sig)).isEmpty();
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        String idToken = w.idTokens.issue(web, "user-alice", null, w.clock.instant(), null, Map.of("client_id", "web", "gid", "g"));
        assertThat(w.validator.validate(idToken)).isEmpty();
    }

    @Test
    void aDeniedJtiOrGrantIsRefused() {
        String a = userToken(web);
        w.revoked.revoke(w.validator.validate(a).orElseThrow().jti(), w.clock.instant().plusSeconds(600));
        assertThat(w.validator.validate(a)).isEmpty();
        String b = userToken(web);
        assertThat(w.validator.validate(b)).isPresent();
        w.revoked.revoke("grant-1", w.clock.instant().plusSeconds(600));
        assertThat(w.validator.validate(b)).isEmpty();
    }

    @Test
    void anOpaqueTokenIsLookedUp() {
        String token = userToken(opaqueClient);
        assertThat(token).doesNotContain(".");
        ValidatedAccessToken t = w.validator.validate(token).orElseThrow();
        assertThat(t.userId()).isEqualTo("user-alice");
        assertThat(t.clientId()).isEqualTo("opaque");
        assertThat(t.jti()).isNull();
        assertThat(t.grantId()).isEqualTo("grant-1");
        assertThat(t.scopes()).containsExactlyInAnyOrder("read", "openid");
        String own = w.accessTokens.issue(new AccessTokenRequest(opaqueClient, null, Set.of(), "g9", Map.of())).value();
        assertThat(w.validator.validate(own).orElseThrow().userId()).isNull();
    }

    @Test
    void revokedExpiredDeniedOrRefreshOpaqueTokensAreRefused() {
        String revokedOne = userToken(opaqueClient);
        w.tokens.revoke(TokenHasher.orderedHash(revokedOne), w.clock.instant());
        assertThat(w.validator.validate(revokedOne)).isEmpty();
        String refresh = w.refreshTokens.issue(opaqueClient, "user-alice", Set.of("read"), "g3", Map.of(), List.of());
        assertThat(w.validator.validate(refresh)).isEmpty();
        String denied = w.accessTokens.issue(new AccessTokenRequest(opaqueClient, "user-alice", Set.of(), "g4", Map.of())).value();
        w.revoked.revoke("g4", w.clock.instant().plusSeconds(600));
        assertThat(w.validator.validate(denied)).isEmpty();
        String expiring = userToken(opaqueClient);
        w.clock.advance(TestWorld.ACCESS_LIFETIME);
        assertThat(w.validator.validate(expiring)).isEmpty();
    }

    @Test
    void garbageIsEmptyNeverAnException() {
        for (String junk : new String[] {null, "", ".", "..", "a.b.c", "eyJ.eyJ.sig", "x".repeat(20_000), "a.b", "...",
            "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"}) {
            assertThat(w.validator.validate(junk)).as(String.valueOf(junk).substring(0, Math.min(20, String.valueOf(junk).length()))).isEmpty();
        }
    }
}
