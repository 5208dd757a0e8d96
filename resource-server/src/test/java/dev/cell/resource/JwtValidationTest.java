package dev.cell.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Local JWT validation per RFC 9068 §4 against a fake issuer's metadata (RFC 8414) and JWK Set. */
class JwtValidationTest {
    FakeIssuer issuer;
    MutableClock clock;
    ResourceServer rs;

    @BeforeEach
    void start() throws Exception {
        issuer = new FakeIssuer();
        clock = new MutableClock();
        rs = issuer.builder().clock(clock).build();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    static void refused(ThrowingCallable call, TokenError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.error()).as(e.getMessage()).isEqualTo(error));
    }

    @Test
    void aValidRs256OrEs256TokenGivesItsPrincipal() throws Exception {
        TokenPrincipal p = rs.authenticate("Bearer " + issuer.rs256(issuer.claims().build()));
        assertThat(p.subject()).isEqualTo("alice");
        assertThat(p.getName()).isEqualTo("alice");
        assertThat(p.clientId()).isEqualTo("notes-app");
        assertThat(p.scopes()).containsExactlyInAnyOrder("notes.read", "profile");
        assertThat(p.claims()).containsEntry("iss", issuer.issuer).containsKey("jti");
        assertThat(rs.verify(issuer.es256(issuer.claims().build())).subject()).isEqualTo("alice");
        assertThat(issuer.jwksHits.get()).as("the JWK Set is cached").isEqualTo(1);
    }

    @Test
    void anAudienceArrayNamingThisServerIsAccepted() throws Exception {
        String token = issuer.rs256(issuer.claims().audience(List.of("https://other.test", FakeIssuer.AUDIENCE)).build());
        assertThat(rs.verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void scopesAreCheckedOnThePrincipal() throws Exception {
        TokenPrincipal p = rs.verify(issuer.rs256(issuer.claims().build()));
        assertThat(p.requireScopes("notes.read")).isSameAs(p);
        assertThatThrownBy(() -> p.requireScopes("notes.read", "notes.write")).isInstanceOfSatisfying(TokenException.class, e -> {
            assertThat(e.error()).isEqualTo(TokenError.INSUFFICIENT_SCOPE);
            assertThat(e.scope()).isEqualTo("notes.write");
            assertThat(e.status()).isEqualTo(403);
        });
    }

    @Test
    void aMissingTokenIsRefusedWithoutAnErrorCode() {
        refused(() -> rs.authenticate(null), TokenError.MISSING_TOKEN);
        refused(() -> rs.authenticate("Basic YWxpY2U6c2VjcmV0"), TokenError.MISSING_TOKEN);
        refused(() -> rs.authenticate("Bearer "), TokenError.INVALID_REQUEST);
    }

    @Test
    void aMalformedTokenIsRefused() {
        refused(() -> rs.authenticate("Bearer abc.def"), TokenError.MALFORMED_TOKEN);
        refused(() -> rs.authenticate("Bearer not\"a token"), TokenError.INVALID_REQUEST);
        refused(() -> rs.verify("eyJhbGciOiJSUzI1NiJ9.e30.$$$"), TokenError.INVALID_REQUEST);
        assertThat(issuer.jwksHits.get()).isZero();
    }

    @Test
    void anOversizedTokenIsRefusedUnparsed() throws Exception {
        String huge = issuer.rs256(issuer.claims().claim("padding", "x".repeat(10_000)).build());
        refused(() -> rs.authenticate("Bearer " + huge), TokenError.TOKEN_TOO_LARGE);
        assertThat(issuer.jwksHits.get()).isZero();
        assertThat(issuer.builder().maxTokenLength(20_000).build().verify(huge).subject()).isEqualTo("alice");
    }

    @Test
    void algNoneIsNeverAccepted() throws Exception {
        PlainJWT none = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(), issuer.claims().build());
        refused(() -> rs.verify(none.serialize()), TokenError.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKey = issuer.rsa.toRSAPublicKey().getEncoded();
        String forged = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.HS256, "rsa-1"), issuer.claims().build(), new MACSigner(publicKey));
        refused(() -> rs.verify(forged), TokenError.ALGORITHM_NOT_ALLOWED);
        assertThatThrownBy(() -> issuer.builder().algorithms("RS256", "HS256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.builder().algorithms("none")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheAllowListedAlgorithmsAreAccepted() throws Exception {
        ResourceServer rsaOnly = issuer.builder().algorithms("RS256").build();
        refused(() -> rsaOnly.verify(issuer.es256(issuer.claims().build())), TokenError.ALGORITHM_NOT_ALLOWED);
        assertThat(rsaOnly.verify(issuer.rs256(issuer.claims().build())).subject()).isEqualTo("alice");
    }

    @Test
    void anEncryptedTokenIsRefused() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), issuer.claims().build());
        jwe.encrypt(new RSAEncrypter(issuer.rsa.toRSAPublicKey()));
        refused(() -> rs.verify(jwe.serialize()), TokenError.MALFORMED_TOKEN);
    }

    @Test
    void theTypeMustBeAtJwt() throws Exception {
        JWTClaimsSet claims = issuer.claims().build();
        String plainJwt = FakeIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("rsa-1").build(), claims,
                new RSASSASigner(issuer.rsa));
        String untyped = FakeIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims, new RSASSASigner(issuer.rsa));
        String mediaType = FakeIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("application/AT+JWT"))
                .keyID("rsa-1").build(), claims, new RSASSASigner(issuer.rsa));
        refused(() -> rs.verify(plainJwt), TokenError.WRONG_TYPE);
        refused(() -> rs.verify(untyped), TokenError.WRONG_TYPE);
        assertThat(rs.verify(mediaType).subject()).isEqualTo("alice");
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        RSAKey attacker = FakeIssuer.generateRsa("rsa-1");
        String forged = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.RS256, "rsa-1"), issuer.claims().build(), new RSASSASigner(attacker));
        refused(() -> rs.verify(forged), TokenError.BAD_SIGNATURE);
        String valid = issuer.rs256(issuer.claims().build());
        String tampered = valid.substring(0, valid.indexOf('.') + 1)
                + com.nimbusds.jose.util.Base64URL.encode(issuer.claims().subject("mallory").build().toString()) + valid.substring(valid.lastIndexOf('.'));
        refused(() -> rs.verify(tampered), TokenError.BAD_SIGNATURE);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        try (FakeIssuer other = new FakeIssuer()) {
            RSAKey otherKey = FakeIssuer.generateRsa("other-key");
            String foreign = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.RS256, "other-key"), other.claims().build(), new RSASSASigner(otherKey));
            refused(() -> rs.verify(foreign), TokenError.UNKNOWN_KEY);
            String sameKid = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.RS256, "rsa-1"), other.claims().build(), new RSASSASigner(otherKey));
            refused(() -> rs.verify(sameKid), TokenError.BAD_SIGNATURE);
        }
        refused(() -> rs.verify(issuer.rs256(issuer.claims().issuer("https://evil.test").build())), TokenError.WRONG_ISSUER);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        refused(() -> rs.verify(issuer.rs256(issuer.claims().audience("https://other.test").build())), TokenError.WRONG_AUDIENCE);
        refused(() -> rs.verify(issuer.rs256(issuer.claims().audience(List.of()).build())), TokenError.WRONG_AUDIENCE);
    }

    @Test
    void expiryAndNotBeforeAllowTheConfiguredSkew() throws Exception {
        Instant now = clock.instant();
        String expired = issuer.rs256(issuer.claims().expirationTime(Date.from(now.minusSeconds(90))).build());
        String justExpired = issuer.rs256(issuer.claims().expirationTime(Date.from(now.minusSeconds(30))).build());
        String future = issuer.rs256(issuer.claims().notBeforeTime(Date.from(now.plusSeconds(90))).build());
        refused(() -> rs.verify(expired), TokenError.EXPIRED);
        assertThat(rs.verify(justExpired).subject()).as("within 60 s of skew").isEqualTo("alice");
        refused(() -> rs.verify(future), TokenError.NOT_YET_VALID);
        ResourceServer strict = issuer.builder().clock(clock).clockSkew(Duration.ZERO).build();
        refused(() -> strict.verify(justExpired), TokenError.EXPIRED);
        clock.advance(Duration.ofSeconds(91));
        assertThat(rs.verify(future).subject()).isEqualTo("alice");
    }

    @Test
    void requiredClaimsMustBePresent() throws Exception {
        refused(() -> rs.verify(issuer.rs256(issuer.claims().expirationTime(null).build())), TokenError.MISSING_CLAIM);
        refused(() -> rs.verify(issuer.rs256(issuer.claims().subject(null).build())), TokenError.MISSING_CLAIM);
        refused(() -> rs.verify(issuer.rs256(issuer.claims().claim("client_id", null).build())), TokenError.MISSING_CLAIM);
        refused(() -> rs.verify(issuer.rs256(issuer.claims().claim("scope", List.of("notes.read")).build())), TokenError.MISSING_CLAIM);
    }

    @Test
    void aSignedPayloadThatIsNotAClaimsSetIsMalformed() throws Exception {
        JWSObject jws = new JWSObject(FakeIssuer.header(JWSAlgorithm.RS256, "rsa-1"), new Payload("not json"));
        jws.sign(new RSASSASigner(issuer.rsa));
        refused(() -> rs.verify(jws.serialize()), TokenError.MALFORMED_TOKEN);
    }

    @Test
    void anUnknownKidFetchesTheKeysAgainSoRotatedKeysWork() throws Exception {
        assertThat(rs.verify(issuer.rs256(issuer.claims().build())).subject()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(31));
        RSAKey next = issuer.rotate("rsa-2");
        String token = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.RS256, "rsa-2"), issuer.claims().build(), new RSASSASigner(next));
        assertThat(rs.verify(token).subject()).isEqualTo("alice");
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
    }

    @Test
    void refetchesForUnknownKidsAreRateLimited() throws Exception {
        rs.verify(issuer.rs256(issuer.claims().build()));
        for (int i = 0; i < 5; i++) {
            String invented = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.RS256, "invented-" + i), issuer.claims().build(),
                    new RSASSASigner(issuer.rsa));
            refused(() -> rs.verify(invented), TokenError.UNKNOWN_KEY);
        }
        assertThat(issuer.jwksHits.get()).as("no refetch within the minimum interval").isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        String invented = FakeIssuer.sign(FakeIssuer.header(JWSAlgorithm.RS256, "invented-x"), issuer.claims().build(), new RSASSASigner(issuer.rsa));
        refused(() -> rs.verify(invented), TokenError.UNKNOWN_KEY);
        refused(() -> rs.verify(invented), TokenError.UNKNOWN_KEY);
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
    }

    @Test
    void theKeySetIsFetchedAgainAfterItsTimeToLive() throws Exception {
        rs.verify(issuer.rs256(issuer.claims().build()));
        clock.advance(Duration.ofMinutes(4));
        rs.verify(issuer.rs256(issuer.claims().expirationTime(Date.from(clock.instant().plusSeconds(60))).build()));
        assertThat(issuer.jwksHits.get()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        rs.verify(issuer.rs256(issuer.claims().expirationTime(Date.from(clock.instant().plusSeconds(60))).build()));
        assertThat(issuer.jwksHits.get()).isEqualTo(2);
    }

    @Test
    void aKidlessTokenIsCheckedAgainstEveryKeyOfItsAlgorithm() throws Exception {
        String kidless = FakeIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).build(),
                issuer.claims().build(), new RSASSASigner(issuer.rsa));
        issuer.rotate("rsa-0");
        assertThat(rs.verify(kidless).subject()).isEqualTo("alice");
    }
}
