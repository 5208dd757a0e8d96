package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.client.ClientSecrets;
import dev.cell.token.AccessTokenFormat;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.grant.JwtBearerGrant;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz targets that send raw HTTP to a running node (RFC 9700 §4: every input is hostile): the token endpoint with a
 * fuzzed {@code Authorization} header and body, client assertions there, the claims of JWT bearer assertions from a trusted
 * issuer, the introspection endpoint and the authorization endpoint. Whatever arrives, the answer is never a 5xx. Seeds: {@code src/test/resources/dev/cell/server/EndpointFuzzTestInputs}.
 */
class EndpointFuzzTest {
    /** The secret of every fuzz client that has one, so seeds can authenticate. */
    static final String SECRET = "fuzz-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    /** Trusted for any subject, one issuer mapping subjects to local users and one keeping them external (RFC 7523 section 3). */
    static final String LOCAL_ISSUER = "https://local.fuzz.example";
    static final String EXTERNAL_ISSUER = "https://external.fuzz.example";
    static final ECKey ASSERTION_KEY = AssertionKit.ec("fuzz-idp");
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path trust = Files.createTempFile("jwt-bearer-trust", ".yaml");
        trust.toFile().deleteOnExit();
        String jwks = AssertionKit.publicJwks(ASSERTION_KEY);
        Files.writeString(trust, """
                issuers:
                  - issuer: %s
                    jwks: %s
                    subjects: ["*"]
                    scopes: [openid, read]
                    local-users: true
                  - issuer: %s
                    jwks: %s
                    subjects: ["*"]
                    scopes: [openid, read]
                """.formatted(LOCAL_ISSUER, jwks, EXTERNAL_ISSUER, jwks));
        server = TestServer.start(Map.of("jwt-bearer.trust-file", trust.toString()));
        server.database.stores().clients().create(client("fuzz-bearer-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of(JwtBearerGrant.GRANT_TYPE),
                AccessTokenFormat.OPAQUE));
        for (Client c : List.of(
                client("fuzz-web", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("authorization_code", "refresh_token", "client_credentials")),
                client("fuzz-post", ClientAuthMethod.CLIENT_SECRET_POST, Set.of("client_credentials", "refresh_token")),
                client("fuzz-spa", ClientAuthMethod.NONE, Set.of("authorization_code", "refresh_token")),
                client("fuzz-rs", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of("client_credentials")),
                client("fuzz-jwt", ClientAuthMethod.CLIENT_SECRET_JWT, Set.of("client_credentials")),
                client("fuzz-bearer", ClientAuthMethod.CLIENT_SECRET_BASIC, Set.of(JwtBearerGrant.GRANT_TYPE)))) {
            server.database.stores().clients().create(c);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends a raw request to the node, the one connection Jazzer's SSRF detector is told to allow; returns the status. */
    private static int send(byte[] request) {
        int port = server.assembly.port();
        try (SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections(
                (host, p) -> (host.equals("127.0.0.1") || host.equals("localhost")) && p == port)) {
            String response = RawHttp.exchange(port, request);
            int status = RawHttp.status(response);
            assertThat(status).as(response).isBetween(200, 499);
            return status;
        }
    }

    private static Client client(String id, ClientAuthMethod method, Set<String> grants) {
        return client(id, method, grants, AccessTokenFormat.JWT);
    }

    private static Client client(String id, ClientAuthMethod method, Set<String> grants, AccessTokenFormat format) {
        Instant t = Instant.now();
        boolean secret = method == ClientAuthMethod.CLIENT_SECRET_BASIC || method == ClientAuthMethod.CLIENT_SECRET_POST;
        return Client.builder().clientId(id).metadata(ClientMetadata.builder().clientName(id).tokenEndpointAuthMethod(method)
                .grantTypes(grants).redirectUris(List.of("https://app.example/cb"))
                .scopes(Set.of("openid", "read", "offline_access")).accessTokenFormat(format).build())
                .secretHash(secret ? ClientSecrets.hash(SECRET) : null)
                .secretEncrypted(method == ClientAuthMethod.CLIENT_SECRET_JWT ? server.masterKey.seal(SECRET) : null)
                .createdAt(t).updatedAt(t).version(1).build();
    }

    /** POSTs a form body with an optional raw {@code Authorization} value; returns the status. */
    private static int post(String path, String authorization, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + (authorization == null || authorization.isEmpty() ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return send(request.toByteArray());
    }

    /** The fuzzer's bytes as a header value: one line, nothing the HTTP framing would read as a new header. */
    private static String headerValue(byte[] data, int end) {
        return new String(data, 0, end, StandardCharsets.ISO_8859_1).replace("\r", "");
    }

    /** The fuzzer's bytes as a request target's query: printable ASCII as it is, everything else percent-encoded. */
    private static String query(byte[] data) {
        StringBuilder b = new StringBuilder();
        for (byte x : data) {
            int c = x & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '#') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static int firstNewline(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** First line: the {@code Authorization} header (none if empty); the rest: the form body. */
    @FuzzTest(maxDuration = "5m")
    void tokenRequest(byte[] data) {
        int nl = firstNewline(data);
        String authorization = nl < 0 ? null : headerValue(data, nl);
        byte[] body = nl < 0 ? data : java.util.Arrays.copyOfRange(data, nl + 1, data.length);
        post("/oauth/token", authorization, body);
    }

    /** The bytes are a {@code client_assertion} (RFC 7523 §2.2) presented for client_credentials. */
    @FuzzTest(maxDuration = "5m")
    void clientAssertion(byte[] data) {
        String body = "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                + "&client_assertion=" + query(data).replace("&", "%26").replace("+", "%2B");
        post("/oauth/token", null, body.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The bytes, split at the first four newlines, are an assertion's {@code sub}, {@code jti}, the request's {@code scope},
     * flags ({@code l}: the issuer mapping local users; {@code o}: an opaque-token client) and further claims as a JSON
     * object; the assertion is signed by a trusted issuer, so every claim reaches the grant and the stores (RFC 7523 section 3).
     */
    @FuzzTest(maxDuration = "5m")
    void jwtBearerAssertion(byte[] data) throws Exception {
        String[] part = new String(data, StandardCharsets.UTF_8).split("\n", 5);
        String flags = part.length > 3 ? part[3] : "";
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (part.length > 4) {
            try {
                claims = new JWTClaimsSet.Builder(JWTClaimsSet.parse(part[4]));
            } catch (java.text.ParseException | RuntimeException notAnObject) {
                claims = new JWTClaimsSet.Builder();
            }
        }
        JWTClaimsSet base = claims.build();
        claims.issuer(flags.contains("l") ? LOCAL_ISSUER : EXTERNAL_ISSUER).audience(server.config.issuer().toString());
        claims.subject(part[0].isEmpty() ? base.getSubject() : part[0]);
        claims.jwtID(part.length > 1 && !part[1].isEmpty() ? part[1] : (base.getJWTID() != null ? base.getJWTID() : UUID.randomUUID().toString()));
        if (base.getExpirationTime() == null) {
            claims.expirationTime(new Date(System.currentTimeMillis() + 60_000));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ASSERTION_KEY.getKeyID()).build(), claims.build());
        jwt.sign(new ECDSASigner(ASSERTION_KEY));
        String scope = part.length > 2 ? "&scope=" + query(part[2].getBytes(StandardCharsets.UTF_8)).replace("&", "%26").replace("+", "%2B") : "";
        String body = "grant_type=" + URLEncoder.encode(JwtBearerGrant.GRANT_TYPE, StandardCharsets.US_ASCII) + "&assertion=" + jwt.serialize() + scope;
        post("/oauth/token", TestServer.basic(flags.contains("o") ? "fuzz-bearer-opaque" : "fuzz-bearer", SECRET),
                body.getBytes(StandardCharsets.US_ASCII));
    }

    /** The bytes are the body of an introspection request by an authenticated resource server (RFC 7662 §2.1). */
    @FuzzTest(maxDuration = "5m")
    void introspectionRequest(byte[] data) {
        post("/oauth/introspect", TestServer.basic("fuzz-rs", SECRET), data);
    }

    /** The bytes are the query of an authorization request (RFC 6749 §4.1.1), sent by a browser without cookies. */
    @FuzzTest(maxDuration = "5m")
    void authorizationRequest(byte[] data) {
        String request = "GET /oauth/authorize?" + query(data) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        send(request.getBytes(StandardCharsets.US_ASCII));
    }
}
