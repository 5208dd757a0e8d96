package dev.cell.support;

import dev.cell.account.User;
import dev.cell.authorize.AuthorizationCodeIssuer;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.Pkce;
import dev.cell.authorize.ResponseMode;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.grant.AuthorizationCodeGrant;
import dev.cell.grant.RefreshTokenGrant;
import dev.cell.grant.TokenIssuer;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.oidc.IdTokenIssuer;
import dev.cell.session.GrantRecorder;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.IssuedJwtVerifier;
import dev.cell.token.GrantRevoker;
import dev.cell.token.RandomValues;
import dev.cell.token.RefreshTokenService;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every core object of the authorization code flow, wired on in-memory stores, as a server would wire them. */
public final class TestWorld {
    public static final URI ISSUER = URI.create("https://auth.example.com");
    public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(5);
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    public static final Duration ID_LIFETIME = Duration.ofHours(1);
    public static final Duration IDLE = Duration.ofDays(14);
    public static final Duration ABSOLUTE = Duration.ofDays(90);
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    public static final String REDIRECT = "https://app.example.com/callback";

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();
    private static final MemoryStores.SigningKeys SHARED_KEYS = new MemoryStores.SigningKeys();
    public static final MasterKey MASTER = MasterKey.parse(MasterKey.generate(SECURE_RANDOM), SECURE_RANDOM);

    static {
        KeyService bootstrap = new KeyService(SHARED_KEYS, MASTER, new SigningKeyFactory(MASTER, 2048), List.of("RS256", "ES256"),
                Duration.ofDays(3650), ACCESS_LIFETIME, java.time.Clock.systemUTC());
        bootstrap.start();
    }

    public final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00.123456Z"));
    public final RandomValues random = new RandomValues(SECURE_RANDOM, clock);
    public final MemoryStores.Codes codes = new MemoryStores.Codes();
    public final MemoryStores.Tokens tokens = new MemoryStores.Tokens();
    public final MemoryStores.Revoked revoked = new MemoryStores.Revoked();
    public final MemoryStores.Users users = new MemoryStores.Users();
    public final MemoryStores.Grants grants = new MemoryStores.Grants();
    public final GrantRecorder recorder = new GrantRecorder(grants, ABSOLUTE, clock);
    public final KeyService keys;
    public final AccessTokenIssuer accessTokens;
    public final IdTokenIssuer idTokens;
    public final GrantRevoker revoker;
    public final RefreshTokenService refreshTokens;
    public final AuthorizationCodeIssuer codeIssuer;
    public final AccessTokenValidator validator;
    public final TokenIssuer tokenIssuer;
    public final GrantRunner codeGrant;
    public final GrantRunner refreshGrant;
    public final User alice;

    public TestWorld() {
        this(true);
    }

    /** @param refreshEnabled the refresh token feature switch */
    public TestWorld(boolean refreshEnabled) {
        keys = new KeyService(SHARED_KEYS, MASTER, new SigningKeyFactory(MASTER, 2048), List.of("RS256", "ES256"), Duration.ofDays(3650),
                ACCESS_LIFETIME, clock);
        keys.start();
        accessTokens = new AccessTokenIssuer(ISSUER, "RS256", ACCESS_LIFETIME, keys, tokens, random, clock);
        idTokens = new IdTokenIssuer(ISSUER, "RS256", ID_LIFETIME, keys, random, clock);
        revoker = new GrantRevoker(tokens, revoked, ACCESS_LIFETIME, clock);
        refreshTokens = new RefreshTokenService(tokens, revoker, random, IDLE, ABSOLUTE, clock);
        codeIssuer = new AuthorizationCodeIssuer(codes, random, CODE_LIFETIME, recorder, clock);
        validator = new AccessTokenValidator(new IssuedJwtVerifier(ISSUER, keys), tokens, revoked, clock);
        tokenIssuer = new TokenIssuer(accessTokens, refreshEnabled ? refreshTokens : null, idTokens, revoker);
        codeGrant = new GrantRunner(new AuthorizationCodeGrant(codes, revoker, users, clock), tokenIssuer);
        refreshGrant = new GrantRunner(new RefreshTokenGrant(refreshTokens, revoker, users), tokenIssuer);
        alice = new User("user-alice", "alice", null, Map.of("email", "alice@example.com", "email_verified", true), Set.of(), false,
                clock.instant(), clock.instant());
        users.create(alice);
    }

    /** A confidential web client allowed authorization_code and refresh_token, with JWT access tokens. */
    public static Client client(String id) {
        return client(id, AccessTokenFormat.JWT, Set.of("authorization_code", "refresh_token"), List.of(REDIRECT));
    }

    public static Client client(String id, AccessTokenFormat format, Set<String> grants, List<String> redirectUris) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        return Client.builder().clientId(id).metadata(ClientMetadata.builder().clientName(id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(grants).redirectUris(redirectUris)
                .scopes(Set.of("openid", "profile", "email", "offline_access", "read", "write")).accessTokenFormat(format)
                .build()).secretHash("hash").createdAt(t).updatedAt(t).version(1).build();
    }

    /** A validated request as the authorization endpoint would produce: S256 PKCE with the RFC 7636 Appendix B vector. */
    public static AuthorizationRequest request(Client client, Set<String> scopes, boolean redirectGiven) {
        return new AuthorizationRequest(client.clientId(), client.redirectUris().get(0), redirectGiven, "code", ResponseMode.QUERY, scopes,
                "xyz", "n-0S6_WzA2Mj", CHALLENGE, Pkce.S256, Set.of(), null, null, List.of(), null, List.of());
    }

    /** Issues a code to alice for {@code client}. */
    public String code(Client client, Set<String> scopes) {
        return codeIssuer.issue(request(client, scopes, true), alice.id(), clock.instant().minusSeconds(30), "session-1", List.of());
    }

    /** Verifies a JWT's signature with the published key its kid names, and returns the header and claims. */
    public SignedJWT verified(String jwt) {
        try {
            SignedJWT parsed = SignedJWT.parse(jwt);
            JWK key = keys.ring().byKid(parsed.getHeader().getKeyID()).orElseThrow().publicJwk();
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier(key.toECKey());
            if (!parsed.verify(verifier)) {
                throw new AssertionError("signature does not verify");
            }
            return parsed;
        } catch (ParseException | JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** Token request parameters redeeming {@code code}. */
    public static Map<String, String> redeem(String code) {
        return Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER);
    }
}
