package dev.cell.resource;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks the issuer's introspection endpoint about a token (RFC 7662 §2), authenticating with the resource server's own client
 * credentials ({@code client_secret_basic}, RFC 6749 §2.3.1). Each answer is cached under the token's SHA-256, never past the
 * token's {@code exp} nor past the configured bound (RFC 7662 §4).
 */
final class IntrospectionTokenVerifier implements TokenVerifier {
    private final String issuer;
    private final String audience;
    private final Supplier<URI> endpoint;
    private final String authorization;
    private final JsonHttp http;
    private final AnswerCache<Optional<TokenPrincipal>> cache;
    private final Duration cacheBound;
    private final Duration clockSkew;
    private final Clock clock;

    IntrospectionTokenVerifier(String issuer, String audience, Supplier<URI> endpoint, String clientId, String clientSecret, JsonHttp http,
            int cacheEntries, Duration cacheBound, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.endpoint = endpoint;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.http = http;
        this.cache = new AnswerCache<>(cacheEntries);
        this.cacheBound = cacheBound;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public TokenPrincipal verify(String token) {
        String key = sha256(token);
        Instant now = clock.instant();
        Optional<TokenPrincipal> cached = cache.get(key, now);
        if (cached == null) {
            cached = introspect(token, key, now);
        }
        return cached.orElseThrow(() -> new TokenException(TokenError.INACTIVE, "the token is not active"));
    }

    private Optional<TokenPrincipal> introspect(String token, String key, Instant now) {
        JsonHttp.Reply reply = http.postForm(endpoint.get(), authorization, "token=" + form(token) + "&token_type_hint=access_token");
        if (reply.status() != 200) {
            throw new TokenException(TokenError.UPSTREAM_ERROR, "the introspection endpoint answered status " + reply.status());
        }
        Map<String, Object> answer = reply.json();
        Instant bound = now.plus(cacheBound);
        if (!Boolean.TRUE.equals(answer.get("active"))) {
            cache.put(key, Optional.empty(), bound);
            return Optional.empty();
        }
        if (answer.get("token_type") instanceof String type && !type.equalsIgnoreCase("Bearer") && !type.equalsIgnoreCase("DPoP")) {
            throw new TokenException(TokenError.WRONG_TYPE, "the token is a " + type + ", not an access token");
        }
        Instant exp = answer.get("exp") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        if (exp != null && now.isAfter(exp.plus(clockSkew))) {
            throw new TokenException(TokenError.EXPIRED, "the token expired at " + exp);
        }
        if (answer.get("iss") != null && !issuer.equals(answer.get("iss"))) {
            throw new TokenException(TokenError.WRONG_ISSUER, "the token was issued by " + answer.get("iss") + ", not " + issuer);
        }
        if (answer.get("aud") != null && !Claims.audiences(answer.get("aud")).contains(audience)) {
            throw new TokenException(TokenError.WRONG_AUDIENCE, "the token is not meant for " + audience);
        }
        Optional<TokenPrincipal> principal = Optional.of(Claims.principal(answer));
        cache.put(key, principal, exp != null && exp.isBefore(bound) ? exp : bound);
        return principal;
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
