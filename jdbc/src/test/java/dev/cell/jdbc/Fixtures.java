package dev.cell.jdbc;

import dev.cell.account.User;
import dev.cell.authorize.AuthorizationCode;
import dev.cell.authorize.AuthorizationRequest;
import dev.cell.authorize.PendingAuthorization;
import dev.cell.authorize.ResponseMode;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.keys.SigningKey;
import dev.cell.session.LoginSession;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.StoredToken;
import dev.cell.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Sample records for the store contract, at millisecond precision as the schema keeps times. */
final class Fixtures {
    static final Instant NOW = Instant.ofEpochMilli(1_750_000_000_123L);

    private Fixtures() {}

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Instant minutes(long m) {
        return NOW.plus(Duration.ofMinutes(m));
    }

    static Client client(String clientId, long version) {
        return Client.builder().clientId(clientId).metadata(ClientMetadata.builder().clientName("Demo " + clientId)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token"))
                .redirectUris(List.of("https://b.example/cb", "https://a.example/cb"))
                .postLogoutRedirectUris(List.of("https://b.example/bye")).scopes(Set.of("openid", "profile"))
                .audiences(List.of("api-2", "api-1")).firstParty(true).jwks("{\"keys\":[]}").jwksUri("https://b.example/jwks")
                .authorities(Set.of("ROLE_CLIENT")).build()).secretHash("c2VjcmV0LWhhc2g").secretEncrypted("sealed-secret")
                .createdAt(minutes(-60)).updatedAt(minutes(-30)).version(version).build();
    }

    static User user(String id, String username) {
        return new User(id, username, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA",
                Map.of("email", username + "@example.com", "email_verified", true, "updated_at", 1_750_000_000L,
                        "address", Map.of("country", "NZ"), "groups", List.of("b", "a")),
                Set.of("ROLE_USER", "ROLE_ADMIN"), false, minutes(-60), minutes(-30));
    }

    static SigningKey signingKey(String kid, String alg, Instant createdAt) {
        return new SigningKey(kid, alg, "{\"kty\":\"EC\",\"kid\":\"" + kid + "\"}", "sealed-" + kid, "mk-1",
                createdAt, null, null);
    }

    static SigningKey signingKey(String kid, Instant createdAt, Instant retiredAt, Instant expiresAt) {
        return new SigningKey(kid, "RS256", "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\"}", "sealed-" + kid, "mk-1",
                createdAt, retiredAt, expiresAt);
    }

    static AuthorizationCode code(String codeHash, Instant expiresAt) {
        return new AuthorizationCode(codeHash, id("grant"), "client-1", "user-1", "https://a.example/cb",
                Set.of("openid", "email"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", "n-0S6_WzA2Mj",
                minutes(-2), "session-1", Map.of("acr", "urn:cell:pwd", "max_age", 300L), minutes(-1), expiresAt);
    }

    static StoredToken refreshToken(String tokenHash, String grantId, Instant expiresAt) {
        return new StoredToken(tokenHash, TokenKind.REFRESH, grantId, "client-1", "user-1",
                Set.of("openid", "offline_access"), List.of("api-2", "api-1"), Map.of("username", "alice", "auth_time", 1_749_999_000L), minutes(-1),
                expiresAt, minutes(60 * 24 * 30), null, null);
    }

    static StoredToken accessToken(String tokenHash, String grantId, Instant expiresAt) {
        return new StoredToken(tokenHash, TokenKind.ACCESS, grantId, "client-2", null, Set.of("read"), List.of(),
                Map.of(), minutes(-1), expiresAt, null, null, null);
    }

    static LoginSession session(String idHash, String userId, Instant expiresAt) {
        return new LoginSession(idHash, userId, minutes(-5), List.of("pwd", "otp"), minutes(-5), minutes(-1),
                expiresAt);
    }

    static PendingAuthorization pending(String id, String browserId, Instant expiresAt) {
        return pending(id, browserId, "192.0.2.1", minutes(-1), expiresAt);
    }

    static PendingAuthorization pending(String id, String browserId, String clientAddress, Instant createdAt, Instant expiresAt) {
        AuthorizationRequest request = new AuthorizationRequest("client-1", "https://app.example/cb", true, "code", ResponseMode.QUERY,
                Set.of("openid", "email"), "xyz", null, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", Set.of(), null, null,
                List.of(), null, List.of());
        return new PendingAuthorization(id, browserId, clientAddress, request, "session-hash-1", createdAt, expiresAt);
    }
}
