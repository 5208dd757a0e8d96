package dev.cell.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.UsedJtiStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every check of RFC 9449 §4.3 and §7.1, each failure its own case, with proofs made by the Nimbus SDK's factory. */
class DPoPVerifierTest {
    static final URI TOKEN = URI.create("https://auth.example.com/oauth/token");
    static final URI USERINFO = URI.create("https://auth.example.com/userinfo");

    /** An in-memory {@link UsedJtiStore} with the store's contract: first insert wins. */
    static final class UsedJtis implements UsedJtiStore {
        final Map<String, Instant> used = new ConcurrentHashMap<>();

        @Override
        public boolean markUsed(String issuer, String jti, Instant expiresAt) {
            return used.putIfAbsent(issuer + " " + jti, expiresAt) == null;
        }

        @Override
        public int deleteExpired(Instant now, int limit) {
            return 0;
        }
    }

    final UsedJtis jtis = new UsedJtis();
    final ECKey key = ecKey();
    final ECKey otherKey = ecKey();
    final DPoPVerifier verifier = verifier(null);

    static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    DPoPVerifier verifier(DPoPNonces nonces) {
        return new DPoPVerifier(List.of("ES256", "PS256", "RS256"), Duration.ofSeconds(60), Duration.ofSeconds(10),
                new DPoPReplayStore(jtis, Duration.ofSeconds(80), Clock.systemUTC()), nonces);
    }

    static String proof(ECKey key, String htm, URI htu) throws Exception {
        return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT(htm, htu).serialize();
    }

    /** A proof signed by {@code key} with any header type and claims. */
    static String proof(ECKey key, JOSEObjectType typ, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(typ).jwk(key.toPublicJWK()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static JWTClaimsSet.Builder claims(String htm, URI htu, Instant iat) {
        return new JWTClaimsSet.Builder().jwtID(new JWTID().getValue()).claim("htm", htm).claim("htu", htu.toString()).issueTime(Date.from(iat));
    }

    void invalid(String proof) {
        invalid(List.of(proof));
    }

    void invalid(List<String> proofs) {
        assertThatThrownBy(() -> verifier.verifyTokenRequest(TOKEN, "client-1", proofs)).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void aGoodProofGivesTheThumbprintOfItsKey() throws Exception {
        DPoPProof proof = verifier.verifyTokenRequest(TOKEN, "client-1", List.of(proof(key, "POST", TOKEN)));
        assertThat(proof.jkt()).isEqualTo(key.computeThumbprint().toString());
        assertThat(verifier.verifyTokenRequest(TOKEN, "client-1", List.of())).as("no proof, no binding").isNull();
    }

    @Test
    void theHeaderTypeMustBeDpopJwt() throws Exception {
        invalid(proof(key, JOSEObjectType.JWT, claims("POST", TOKEN, Instant.now()).build()));
        invalid(proof(key, null, claims("POST", TOKEN, Instant.now()).build()));
    }

    @Test
    void onlyTheAllowedAsymmetricAlgorithms() throws Exception {
        SignedJWT es384 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(new JOSEObjectType("dpop+jwt"))
                .jwk(new ECKeyGenerator(Curve.P_384).generate().toPublicJWK()).build(), claims("POST", TOKEN, Instant.now()).build());
        es384.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_384).generate()));
        invalid(es384.serialize());
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK())
                .build(), claims("POST", TOKEN, Instant.now()).build());
        hmac.sign(new MACSigner("a shared secret of at least 256 bits!!".getBytes(StandardCharsets.US_ASCII)));
        invalid(hmac.serialize());
    }

    @Test
    void theSignatureMustBeByTheKeyInTheHeader() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK())
                .build(), claims("POST", TOKEN, Instant.now()).build());
        jwt.sign(new ECDSASigner(otherKey));
        invalid(jwt.serialize());
        String good = proof(key, "POST", TOKEN);
        String[] parts = good.split("\\.");
        invalid(parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims("POST", TOKEN, Instant.now()).build().toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void aPrivateKeyInTheHeaderIsRefused() throws Exception {
        Map<String, Object> header = new HashMap<>(Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", key.toJSONObject()));
        String signingInput = b64(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header)) + "."
                + b64(claims("POST", TOKEN, Instant.now()).build().toString());
        String signature = new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256), signingInput.getBytes(StandardCharsets.US_ASCII))
                .toString();
        invalid(signingInput + "." + signature);
    }

    static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void htmAndHtuMustNameThisRequest() throws Exception {
        invalid(proof(key, "GET", TOKEN));
        invalid(proof(key, "POST", URI.create("https://auth.example.com/oauth/other")));
        invalid(proof(key, "POST", URI.create("https://evil.example/oauth/token")));
    }

    @Test
    void iatMustBeWithinTheWindow() throws Exception {
        invalid(proof(key, new JOSEObjectType("dpop+jwt"), claims("POST", TOKEN, Instant.now().minusSeconds(120)).build()));
        invalid(proof(key, new JOSEObjectType("dpop+jwt"), claims("POST", TOKEN, Instant.now().plusSeconds(120)).build()));
        assertThat(verifier.verifyTokenRequest(TOKEN, "client-1", List.of(proof(key, new JOSEObjectType("dpop+jwt"),
                claims("POST", TOKEN, Instant.now().minusSeconds(30)).build())))).isNotNull();
    }

    @Test
    void requiredClaimsMustBePresent() throws Exception {
        JWTClaimsSet full = claims("POST", TOKEN, Instant.now()).build();
        for (String missing : List.of("jti", "htm", "htu", "iat")) {
            Map<String, Object> c = new HashMap<>(full.toJSONObject());
            c.remove(missing);
            invalid(proof(key, new JOSEObjectType("dpop+jwt"), JWTClaimsSet.parse(c)));
        }
    }

    @Test
    void eachJtiIsAcceptedOnceEvenUnderConcurrency() throws Exception {
        String proof = proof(key, "POST", TOKEN);
        AtomicInteger accepted = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> {
                    try {
                        verifier.verifyTokenRequest(TOKEN, "client-1", List.of(proof));
                        accepted.incrementAndGet();
                    } catch (OAuthException e) {
                        assertThat(e.error()).isEqualTo(OAuthError.INVALID_DPOP_PROOF);
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(accepted).hasValue(1);
        assertThat(jtis.used.keySet()).allSatisfy(k -> assertThat(k).startsWith("dpop ").hasSizeLessThan(60));
    }

    @Test
    void oneHeaderOnlyBoundedAndAJwt() throws Exception {
        invalid(List.of(proof(key, "POST", TOKEN), proof(key, "POST", TOKEN)));
        invalid("not-a-jwt");
        invalid("a".repeat(DPoPVerifier.MAX_PROOF_LENGTH + 1));
    }

    @Test
    void withNoncesRequiredAProofWithoutTheCurrentOneGetsUseDpopNonceAndTheNonce() throws Exception {
        DPoPNonces nonces = new DPoPNonces("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), Duration.ofMinutes(5),
                Clock.systemUTC());
        DPoPVerifier strict = verifier(nonces);
        for (String proof : List.of(proof(key, "POST", TOKEN), new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256)
                .createDPoPJWT("POST", TOKEN, new Nonce("made-up")).serialize())) {
            assertThatThrownBy(() -> strict.verifyTokenRequest(TOKEN, "client-1", List.of(proof))).isInstanceOfSatisfying(OAuthException.class, e -> {
                assertThat(e.error()).isEqualTo(OAuthError.USE_DPOP_NONCE);
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.headers()).containsEntry("DPoP-Nonce", nonces.current());
            });
        }
        String withNonce = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT("POST", TOKEN, new Nonce(nonces.current())).serialize();
        assertThat(strict.verifyTokenRequest(TOKEN, "client-1", List.of(withNonce))).isNotNull();
    }

    @Test
    void atAResourceTheProofMustBeByTheBoundKeyForThisToken() throws Exception {
        String jkt = key.computeThumbprint().toString();
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        verifier.verifyResourceRequest("GET", USERINFO, "client-1",
                List.of(factory.createDPoPJWT("GET", USERINFO, new DPoPAccessToken("token-1")).serialize()), "token-1", jkt);
        resourceRefusal(List.of(), "token-1", jkt, OAuthError.INVALID_DPOP_PROOF);
        resourceRefusal(List.of(factory.createDPoPJWT("GET", USERINFO, new DPoPAccessToken("token-2")).serialize()), "token-1", jkt,
                OAuthError.INVALID_DPOP_PROOF);
        resourceRefusal(List.of(factory.createDPoPJWT("GET", USERINFO).serialize()), "token-1", jkt, OAuthError.INVALID_DPOP_PROOF);
        resourceRefusal(List.of(factory.createDPoPJWT("POST", USERINFO, new DPoPAccessToken("token-1")).serialize()), "token-1", jkt,
                OAuthError.INVALID_DPOP_PROOF);
        resourceRefusal(List.of(new DefaultDPoPProofFactory(otherKey, JWSAlgorithm.ES256)
                .createDPoPJWT("GET", USERINFO, new DPoPAccessToken("token-1")).serialize()), "token-1", jkt, OAuthError.INVALID_TOKEN);
    }

    void resourceRefusal(List<String> proofs, String token, String jkt, OAuthError error) {
        assertThatThrownBy(() -> verifier.verifyResourceRequest("GET", USERINFO, "client-1", proofs, token, jkt))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.error()).as(e.description()).isEqualTo(error);
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.challenges()).singleElement().satisfies(c -> {
                        assertThat(c.scheme()).isEqualTo("DPoP");
                        assertThat(c.algs()).containsExactly("ES256", "PS256", "RS256");
                    });
                });
    }
}
