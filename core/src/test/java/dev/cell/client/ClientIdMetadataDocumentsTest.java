package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.config.Cidr;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.fetch.AddressPolicy;
import dev.cell.fetch.HttpFetcher;
import dev.cell.grant.ServerGrants;
import dev.cell.support.MutableClock;
import dev.cell.support.TlsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document): the document's client_id must be its URL,
 * no shared secrets, redirects and oversize and slow answers refused, loopback reached only when allow-listed, cached within
 * bounds, failures remembered briefly.
 */
class ClientIdMetadataDocumentsTest {
    static final ClientMetadataValidator VALIDATOR = new ClientMetadataValidator(new ServerGrants(Set.of("authorization_code",
            "refresh_token", "client_credentials")));
    static final ClientIdMetadataDocuments.Settings SETTINGS = new ClientIdMetadataDocuments.Settings(5120, Duration.ofMinutes(5),
            Duration.ofHours(1), Duration.ofSeconds(10), Set.of("openid", "profile", "mcp:tools"), List.of("https://mcp.example/mcp"), 4);
    static final List<Cidr> LOOPBACK = List.of(Cidr.parse("test", "127.0.0.1/32"));
    static final ClientIdMetadataPolicy ANY = new ClientIdMetadataPolicy(ClientIdMetadataPolicy.Mode.ANY, List.of());

    @TempDir
    static Path dir;
    static TlsServer server;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
    ClientIdMetadataDocuments documents;

    @BeforeAll
    static void start() {
        server = TlsServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void close() {
        if (documents != null) {
            documents.close();
        }
    }

    ClientIdMetadataDocuments documents(ClientIdMetadataPolicy policy, List<Cidr> allowed) {
        return documents(policy, allowed, SETTINGS);
    }

    ClientIdMetadataDocuments documents(ClientIdMetadataPolicy policy, List<Cidr> allowed, ClientIdMetadataDocuments.Settings settings) {
        documents = new ClientIdMetadataDocuments(policy, settings,
                new HttpFetcher(AddressPolicy.publicOnly(allowed), Duration.ofMillis(1500), server.clientContext()), VALIDATOR, clock);
        return documents;
    }

    static String document(String clientId, String extra) {
        return """
                {"client_id": "%s", "client_name": "Notes Desktop", "redirect_uris": ["http://127.0.0.1:7777/callback"],
                 "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
                 "token_endpoint_auth_method": "none", "scope": "openid mcp:tools cell:admin", "client_uri": "https://notes.example"%s}
                """.formatted(clientId, extra);
    }

    /** Serves a good document at {@code path} with the given extra members and answer headers; returns its URL. */
    static String serve(String path, String extra, Map<String, String> headers) {
        String url = server.url(path);
        TlsServer.Answer answer = TlsServer.Answer.json(document(url, extra));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            answer = answer.withHeader(h.getKey(), h.getValue());
        }
        server.answer(path, answer);
        return url;
    }

    static void assertUnusable(ClientIdMetadataDocuments d, String clientId, String reason) {
        assertThatThrownBy(() -> d.resolve(clientId)).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
            assertThat(e.description()).contains(reason);
        });
        assertThat(d.find(clientId)).isEmpty();
    }

    @Test
    void aDocumentWhoseClientIdIsItsUrlBecomesAPublicClientWithTheOperatorsLimits() {
        String url = serve("/clients/notes", "", Map.of());
        Client c = documents(ANY, LOOPBACK).resolve(url);
        assertThat(c.clientId()).isEqualTo(url);
        assertThat(c.metadataDocument()).isTrue();
        assertThat(c.clientName()).isEqualTo("Notes Desktop");
        assertThat(c.authMethod()).isEqualTo(ClientAuthMethod.NONE);
        assertThat(c.redirectUris()).containsExactly("http://127.0.0.1:7777/callback");
        assertThat(c.scopes()).containsExactlyInAnyOrder("openid", "mcp:tools");
        assertThat(c.audiences()).containsExactly("https://mcp.example/mcp");
        assertThat(c.pkceRequired()).isTrue();
        assertThat(c.firstParty()).isFalse();
    }

    @Test
    void theClientIdInsideMustBeTheUrlExactly() {
        String url = server.url("/clients/other");
        server.answer("/clients/other", TlsServer.Answer.json(document(url + "/", "")));
        assertUnusable(documents(ANY, LOOPBACK), url, "must be exactly the URL");
        server.answer("/clients/none", TlsServer.Answer.json("{\"client_name\": \"x\", \"redirect_uris\": [\"http://127.0.0.1/cb\"]}"));
        documents.close();
        assertUnusable(documents(ANY, LOOPBACK), server.url("/clients/none"), "must be exactly the URL");
    }

    @Test
    void sharedSecretsAreRefused() {
        ClientIdMetadataDocuments d = documents(ANY, LOOPBACK);
        String post = server.url("/clients/post");
        server.answer("/clients/post", TlsServer.Answer.json(document(post, "").replace("\"none\"", "\"client_secret_post\"")));
        assertUnusable(d, post, "token_endpoint_auth_method: client_secret_post needs a shared secret");
        String basic = server.url("/clients/basic");
        server.answer("/clients/basic", TlsServer.Answer.json(document(basic, "").replace("\"token_endpoint_auth_method\": \"none\",", "")
                .replace("\"scope\"", "\"token_endpoint_auth_method\": \"client_secret_basic\", \"scope\"")));
        assertUnusable(d, basic, "needs a shared secret");
        String secret = serve("/clients/secret", ", \"client_secret\": \"s3cret\"", Map.of());
        assertUnusable(d, secret, "client_secret: a client ID metadata document must not carry a shared secret");
    }

    @Test
    void privateKeyJwtWithPublicKeysIsAccepted() {
        String url = serve("/clients/keys", ", \"jwks_uri\": \"https://notes.example/jwks.json\"", Map.of());
        server.answer("/clients/keys", TlsServer.Answer.json(document(url, ", \"jwks_uri\": \"https://notes.example/jwks.json\"")
                .replace("\"none\"", "\"private_key_jwt\"")));
        Client c = documents(ANY, LOOPBACK).resolve(url);
        assertThat(c.authMethod()).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);
        assertThat(c.jwksUri()).isEqualTo("https://notes.example/jwks.json");
    }

    @Test
    void grantsBeyondTheCodeFlowAndBadRedirectUrisAreRefused() {
        ClientIdMetadataDocuments d = documents(ANY, LOOPBACK);
        String cc = server.url("/clients/cc");
        server.answer("/clients/cc", TlsServer.Answer.json(document(cc, "").replace("\"refresh_token\"]", "\"client_credentials\"]")));
        assertUnusable(d, cc, "authorization_code and refresh_token only");
        String http = server.url("/clients/http");
        server.answer("/clients/http", TlsServer.Answer.json(document(http, "").replace("http://127.0.0.1:7777/callback", "http://notes.example/cb")));
        assertUnusable(d, http, "invalid_redirect_uri");
    }

    @Test
    void aRedirectIsNotFollowed() {
        String target = serve("/clients/target", "", Map.of());
        server.answer("/clients/moved", new TlsServer.Answer(301, Map.of("Location", target), new byte[0], Duration.ZERO));
        assertUnusable(documents(ANY, LOOPBACK), server.url("/clients/moved"), "HTTP status 301");
        assertThat(server.hits("/clients/target")).isZero();
    }

    @Test
    void anOversizedDocumentIsRefused() {
        String url = serve("/clients/big", ", \"contacts\": [\"" + "a".repeat(6000) + "@notes.example\"]", Map.of());
        assertUnusable(documents(ANY, LOOPBACK), url, "larger than 5120 bytes");
    }

    @Test
    void aSlowServerTimesOut() {
        String url = server.url("/clients/slow");
        server.answer("/clients/slow", TlsServer.Answer.json(document(url, "")).delayed(Duration.ofSeconds(4)));
        assertUnusable(documents(ANY, LOOPBACK), url, "no answer within 1500 ms");
    }

    @Test
    void aLoopbackServerIsReachedOnlyWhenAllowListed() {
        String url = serve("/clients/loop", "", Map.of());
        assertUnusable(documents(ANY, List.of()), url, "special-use address");
        assertThat(server.hits("/clients/loop")).isZero();
        documents.close();
        assertThat(documents(ANY, LOOPBACK).resolve(url).clientId()).isEqualTo(url);
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefused() {
        String path = "/clients/by-name";
        String url = "https://localhost:" + server.port() + path;
        server.answer(path, TlsServer.Answer.json(document(url, "")));
        assertUnusable(documents(ANY, List.of()), url, "special-use address");
        assertThat(server.hits(path)).isZero();
    }

    @Test
    void theListedPolicyResolvesOnlyItsDomains() {
        ClientIdMetadataPolicy listed = new ClientIdMetadataPolicy(ClientIdMetadataPolicy.Mode.LISTED, List.of("Example.com"));
        assertThat(listed.covers("example.com")).isTrue();
        assertThat(listed.covers("apps.example.com")).isTrue();
        assertThat(listed.covers("badexample.com")).isFalse();
        assertThat(listed.covers("example.com.evil.test")).isFalse();
        String url = serve("/clients/unlisted", "", Map.of());
        assertUnusable(documents(listed, LOOPBACK), url, "only from listed domains");
        assertThat(server.hits("/clients/unlisted")).isZero();
    }

    @Test
    void theCacheFollowsMaxAgeWithinItsBounds() {
        String url = serve("/clients/cached", "", Map.of("Cache-Control", "public, max-age=900"));
        ClientIdMetadataDocuments d = documents(ANY, LOOPBACK);
        d.resolve(url);
        clock.advance(Duration.ofMinutes(14));
        d.resolve(url);
        assertThat(server.hits("/clients/cached")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        d.resolve(url);
        assertThat(server.hits("/clients/cached")).isEqualTo(2);

        String brief = serve("/clients/brief", "", Map.of("Cache-Control", "max-age=5"));
        d.resolve(brief);
        clock.advance(Duration.ofMinutes(4));
        d.resolve(brief);
        assertThat(server.hits("/clients/brief")).as("held for at least the minimum").isEqualTo(1);

        String forever = serve("/clients/forever", "", Map.of("Cache-Control", "max-age=31536000"));
        d.resolve(forever);
        clock.advance(Duration.ofMinutes(61));
        d.resolve(forever);
        assertThat(server.hits("/clients/forever")).as("held for at most the maximum").isEqualTo(2);
    }

    @Test
    void expiresCountsWhenThereIsNoMaxAge() {
        assertThat(CacheLifetime.of(null, "Sun, 06 Dec 2026 00:20:00 GMT", "Sun, 06 Dec 2026 00:00:00 GMT", null, clock.instant(),
                Duration.ofMinutes(5), Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(20));
        assertThat(CacheLifetime.of("no-store", null, null, null, clock.instant(), Duration.ofMinutes(5), Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(CacheLifetime.of("max-age=600", null, null, "120", clock.instant(), Duration.ofMinutes(5), Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(8));
        assertThat(CacheLifetime.of(null, "garbage", null, null, clock.instant(), Duration.ofMinutes(5), Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aFailureIsRememberedBrieflyThenRetried() {
        String url = server.url("/clients/flaky");
        server.answer("/clients/flaky", TlsServer.Answer.json("{ not json"));
        ClientIdMetadataDocuments d = documents(ANY, LOOPBACK);
        assertUnusable(d, url, "invalid_client_metadata");
        serve("/clients/flaky", "", Map.of());
        assertUnusable(d, url, "invalid_client_metadata");
        assertThat(server.hits("/clients/flaky")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(d.resolve(url).clientName()).isEqualTo("Notes Desktop");
        assertThat(server.hits("/clients/flaky")).isEqualTo(2);
    }

    @Test
    void concurrentLookupsOfOneUrlShareOneFetch() throws Exception {
        String url = server.url("/clients/popular");
        server.answer("/clients/popular", TlsServer.Answer.json(document(url, "")).delayed(Duration.ofMillis(300)));
        ClientIdMetadataDocuments d = documents(ANY, LOOPBACK);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Client>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(threads.submit(() -> d.resolve(url)));
            }
            for (Future<Client> r : results) {
                assertThat(r.get().clientId()).isEqualTo(url);
            }
        }
        assertThat(server.hits("/clients/popular")).isEqualTo(1);
    }

    @Test
    void fetchesBeyondTheConcurrencyLimitFailAtOnceAndAreNotRemembered() throws Exception {
        ClientIdMetadataDocuments.Settings one = new ClientIdMetadataDocuments.Settings(5120, Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofSeconds(10), Set.of("openid"), List.of(), 1);
        ClientIdMetadataDocuments d = documents(ANY, LOOPBACK, one);
        String slow = server.url("/clients/tarpit");
        server.answer("/clients/tarpit", TlsServer.Answer.json(document(slow, "")).delayed(Duration.ofMillis(1000)));
        String other = serve("/clients/next", "", Map.of());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Client> first = threads.submit(() -> d.resolve(slow));
            while (server.hits("/clients/tarpit") == 0) {
                Thread.sleep(10);
            }
            assertUnusable(d, other, "too many client ID metadata documents are being fetched at once");
            assertThat(first.get().clientId()).isEqualTo(slow);
        }
        assertThat(d.resolve(other).clientId()).as("the refusal was not remembered").isEqualTo(other);
    }

    @Test
    void clientIdentifierUrlsFollowTheDraftsRules() {
        assertThat(ClientIdUrl.host("https://App.Example.com/client.json")).isEqualTo("app.example.com");
        assertThat(ClientIdUrl.host("https://example.com:8443/c")).isEqualTo("example.com");
        for (String bad : List.of("http://example.com/c", "https://example.com", "https://user@example.com/c", "https://example.com/c#x",
                "https://example.com/c?x=1", "https://example.com/a/../c", "https://example.com/./c", "https://example.com/a/%2e%2E/c",
                "https://example.com/" + "a".repeat(250), "https:///c", "https://exa mple.com/c")) {
            assertThatThrownBy(() -> ClientIdUrl.host(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ClientIdUrl.candidate("https://example.com/c")).isTrue();
        assertThat(ClientIdUrl.candidate("HTTPS://example.com/c")).isFalse();
        assertThat(ClientIdUrl.candidate("my-client")).isFalse();
    }
}
