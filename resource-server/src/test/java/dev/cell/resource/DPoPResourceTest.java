package dev.cell.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DPoP-bound tokens at a resource (RFC 9449 §7): the proof of the bound key for this request and token, each failure a case. */
class DPoPResourceTest {
    static final URI URL = URI.create("https://api.test/notes?page=2");
    FakeIssuer issuer;
    ResourceServer rs;
    final ECKey key = ec();
    final ECKey other = ec();
    String token;

    static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        rs = issuer.builder().build();
        token = issuer.rs256(issuer.claims().claim("cnf", Map.of("jkt", key.computeThumbprint().toString())).build());
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    static String proof(ECKey key, String typ, String htm, String htu, String token, Instant iat, String jti) throws Exception {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().jwtID(jti).claim("htm", htm).claim("htu", htu).issueTime(Date.from(iat));
        if (token != null) {
            c.claim("ath", DPoPProofCheck.ath(token));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(typ == null ? null : new JOSEObjectType(typ))
                .jwk(key.toPublicJWK()).build(), c.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    String proof(ECKey key) throws Exception {
        return proof(key, "dpop+jwt", "GET", "https://api.test/notes", token, Instant.now(), UUID.randomUUID().toString());
    }

    TokenException refused(String authorization, List<String> proofs, TokenError error) {
        TokenException e = (TokenException) org.assertj.core.api.Assertions.catchThrowable(() -> rs.authenticate(authorization, proofs, "GET", URL));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.error()).as(e.getMessage()).isEqualTo(error);
        assertThat(e.status()).isEqualTo(401);
        return e;
    }

    @Test
    void theBoundKeysProofForThisRequestAndTokenIsAccepted() throws Exception {
        TokenPrincipal p = rs.authenticate("DPoP " + token, List.of(proof(key)), "GET", URL);
        assertThat(p.subject()).isEqualTo("alice");
    }

    @Test
    void aBoundTokenAsBearerIsRefusedWithADpopChallenge() {
        TokenException e = refused("Bearer " + token, List.of(), TokenError.WRONG_KEY);
        assertThat(rs.challenge(e)).startsWith("DPoP realm=\"https://api.test\", error=\"invalid_token\"").contains("algs=\"ES256 PS256 RS256\"");
        assertThatThrownBy(() -> rs.authenticate("Bearer " + token)).isInstanceOfSatisfying(TokenException.class,
                x -> assertThat(x.error()).isEqualTo(TokenError.WRONG_KEY));
    }

    @Test
    void everyFailedCheckIsInvalidDpopProof() throws Exception {
        String auth = "DPoP " + token;
        Instant now = Instant.now();
        refused(auth, List.of(), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key), proof(key)), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of("not-a-jwt"), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "JWT", "GET", "https://api.test/notes", token, now, "j1")), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "dpop+jwt", "POST", "https://api.test/notes", token, now, "j2")), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "dpop+jwt", "GET", "https://api.test/other", token, now, "j3")), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "dpop+jwt", "GET", "https://api.test/notes", "another-token", now, "j4")), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "dpop+jwt", "GET", "https://api.test/notes", null, now, "j5")), TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "dpop+jwt", "GET", "https://api.test/notes", token, now.minusSeconds(600), "j6")),
                TokenError.INVALID_DPOP_PROOF);
        refused(auth, List.of(proof(key, "dpop+jwt", "GET", "https://api.test/notes", token, now.plusSeconds(600), "j7")),
                TokenError.INVALID_DPOP_PROOF);
        String once = proof(key);
        rs.authenticate(auth, List.of(once), "GET", URL);
        TokenException replay = refused(auth, List.of(once), TokenError.INVALID_DPOP_PROOF);
        assertThat(rs.challenge(replay)).startsWith("DPoP realm=").contains("error=\"invalid_dpop_proof\"");
    }

    @Test
    void aProofByAnotherKeyIsInvalidToken() throws Exception {
        refused("DPoP " + token, List.of(proof(other)), TokenError.WRONG_KEY);
    }

    @Test
    void anUnboundTokenWithTheDpopSchemeIsRefusedAndAsBearerAccepted() throws Exception {
        String bearer = issuer.rs256(issuer.claims().build());
        refused("DPoP " + bearer, List.of(proof(key, "dpop+jwt", "GET", "https://api.test/notes", bearer, Instant.now(), "u1")),
                TokenError.WRONG_TYPE);
        assertThat(rs.authenticate("Bearer " + bearer, List.of(), "GET", URL).subject()).isEqualTo("alice");
    }

    @Test
    void aRequestWithoutTokenGetsBothChallengesAndTheMetadataUrlWhenAdvertised() throws Exception {
        ResourceServer advertised = issuer.builder().advertiseResourceMetadata().build();
        TokenException none = new TokenException(TokenError.MISSING_TOKEN, "none");
        assertThat(rs.challenges(none)).containsExactly("Bearer realm=\"https://api.test\"", "DPoP realm=\"https://api.test\", algs=\"ES256 PS256 RS256\"");
        assertThat(advertised.challenges(none)).allSatisfy(c -> assertThat(c)
                .endsWith(", resource_metadata=\"https://api.test/.well-known/oauth-protected-resource\""));
        assertThat(advertised.metadataJson()).contains("\"resource\":\"https://api.test\"")
                .contains("\"authorization_servers\":[\"" + issuer.issuer + "\"]")
                .contains("\"dpop_signing_alg_values_supported\":[\"ES256\",\"PS256\",\"RS256\"]")
                .doesNotContain("scopes_supported");
        assertThat(ProtectedResourceMetadata.url("https://mcp.example.com/mcp"))
                .isEqualTo(URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"));
    }

    @Test
    void theMetadataListsTheScopesSupportedWhenConfiguredAndRefusesNonScopeTokens() throws Exception {
        assertThat(issuer.builder().scopesSupported("mcp.tools", "notes.read").build().metadataJson())
                .contains("\"scopes_supported\":[\"mcp.tools\",\"notes.read\"]");
        assertThatThrownBy(() -> issuer.builder().scopesSupported("two words")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 6749");
        assertThatThrownBy(() -> issuer.builder().scopesSupported("")).isInstanceOf(IllegalArgumentException.class);
    }
}
