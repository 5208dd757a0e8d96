package dev.cell.resource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A stand-in authorization server on a loopback port: metadata, a JWK Set and an RFC 7662 endpoint whose behaviour tests set. */
final class FakeIssuer implements AutoCloseable {
    static final String AUDIENCE = "https://api.test";

    final HttpServer server;
    final String issuer;
    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final ECKey EC = generateEc();

    final RSAKey rsa = RSA;
    final ECKey ec = EC;
    final List<JWK> published = new ArrayList<>();
    final AtomicInteger metadataHits = new AtomicInteger();
    final AtomicInteger jwksHits = new AtomicInteger();
    final AtomicInteger introspectionHits = new AtomicInteger();
    volatile boolean rfc8414 = true;
    volatile String metadataIssuer;
    volatile String jwksUri;
    volatile int jwksStatus = 200;
    volatile String jwksBody;
    volatile Duration delay = Duration.ZERO;
    volatile boolean stallAfterHeaders;
    volatile String expectedAuthorization;
    volatile String lastIntrospectionBody;
    volatile Function<String, Map<String, Object>> introspection = token -> Map.of("active", false);

    FakeIssuer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        metadataIssuer = issuer;
        jwksUri = issuer + "/jwks";
        published.add(rsa.toPublicJWK());
        published.add(ec.toPublicJWK());
        server.createContext("/.well-known/", this::metadata);
        server.createContext("/jwks", this::jwks);
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    /** The claims Cell puts in an access token (RFC 9068 §2.2), for this issuer and {@link #AUDIENCE}. */
    JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("alice").audience(AUDIENCE).claim("client_id", "notes-app")
                .claim("scope", "notes.read profile").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    String rs256(JWTClaimsSet claims) throws Exception {
        return sign(header(JWSAlgorithm.RS256, rsa.getKeyID()), claims, new RSASSASigner(rsa));
    }

    String es256(JWTClaimsSet claims) throws Exception {
        return sign(header(JWSAlgorithm.ES256, ec.getKeyID()), claims, new ECDSASigner(ec));
    }

    static JWSHeader header(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg).type(new JOSEObjectType("at+jwt")).keyID(kid).build();
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Publishes a new RSA key (a rotation) and returns it. */
    RSAKey rotate(String kid) {
        RSAKey next = generateRsa(kid);
        published.add(0, next.toPublicJWK());
        return next;
    }

    static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    ResourceServerBuilder builder() {
        return ResourceServer.forIssuer(issuer).audience(AUDIENCE).httpTimeout(Duration.ofSeconds(2));
    }

    private void metadata(HttpExchange ex) throws IOException {
        metadataHits.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        boolean served = path.equals("/.well-known/openid-configuration") || (rfc8414 && path.equals("/.well-known/oauth-authorization-server"));
        if (!served) {
            respond(ex, 404, "{}");
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", metadataIssuer);
        m.put("jwks_uri", jwksUri);
        m.put("introspection_endpoint", issuer + "/introspect");
        respond(ex, 200, JSONObjectUtils.toJSONString(m));
    }

    private void jwks(HttpExchange ex) throws IOException {
        jwksHits.incrementAndGet();
        pause();
        respond(ex, jwksStatus, jwksBody != null ? jwksBody : new JWKSet(published).toString());
    }

    private void introspect(HttpExchange ex) throws IOException {
        introspectionHits.incrementAndGet();
        pause();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastIntrospectionBody = body;
        if (expectedAuthorization != null && !expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            respond(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = java.net.URLDecoder.decode(body.replaceAll(".*token=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        respond(ex, 200, JSONObjectUtils.toJSONString(introspection.apply(token)));
    }

    private void pause() {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (stallAfterHeaders) {
                out.write(bytes, 0, 1);
                out.flush();
                Thread.sleep(Duration.ofSeconds(10));
            }
            out.write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
