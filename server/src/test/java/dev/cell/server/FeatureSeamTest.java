package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.config.CellConfig;
import dev.cell.grant.ClientCredentialsGrant;
import dev.cell.grant.GrantHandler;
import dev.cell.grant.Issuance;
import dev.cell.grant.TokenRequest;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.feature.Contributions;
import dev.cell.server.feature.Feature;
import dev.cell.server.feature.FeatureContext;
import dev.cell.server.feature.Features;
import dev.cell.server.http.Route;
import dev.cell.store.ExpiryTask;
import dev.cell.token.Json;
import io.javalin.http.HandlerType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A feature contributes its route, discovery members, grant type and housekeeping task in one place ({@link Feature}): added to the
 * list it shows everywhere, switched off it shows nowhere.
 */
class FeatureSeamTest {
    private static final String FAKE_GRANT = "urn:example:params:grant-type:fake";

    @Test
    void aFeatureInTheListShowsInRoutesDiscoveryGrantsTokenEndpointAndHousekeeping() throws Exception {
        AtomicInteger expired = new AtomicInteger(3);
        try (TestServer server = TestServer.start(Map.of(), withFake(true, expired))) {
            assertThat(server.assembly.routes()).anyMatch(r -> r.path().equals("/fake") && r.method() == HandlerType.GET);
            assertThat(server.get("/fake").body()).isEqualTo("fake");
            for (String document : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
                JsonNode discovery = Json.MAPPER.readTree(server.get(document).body());
                assertThat(discovery.get("fake_endpoint").asText()).isEqualTo(server.url("/fake"));
                assertThat(grantTypes(discovery)).contains(FAKE_GRANT);
            }

            ClientAdmin.Created client = server.clients.create("fake-client", ClientMetadata.builder().clientName("Fake")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of(FAKE_GRANT)).scopes(Set.of("read")).build());
            HttpResponse<String> token = server.post("/oauth/token", "grant_type=" + FAKE_GRANT + "&scope=read", "Authorization",
                    TestServer.basic("fake-client", client.secret()));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(token.body()).get("access_token").asText()).isNotEmpty();

            Map<String, Integer> deleted = server.assembly.housekeeping().runOnce();
            assertThat(deleted).containsEntry("fake_rows", 3).containsKey("tokens");
        }
    }

    @Test
    void aSwitchedOffFeatureContributesNothing() throws Exception {
        try (TestServer server = TestServer.start(Map.of(), withFake(false, new AtomicInteger()))) {
            assertThat(server.assembly.routes()).noneMatch(r -> r.path().equals("/fake"));
            JsonNode discovery = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
            assertThat(discovery.has("fake_endpoint")).isFalse();
            assertThat(grantTypes(discovery)).doesNotContain(FAKE_GRANT);
            assertThat(new Features(withFake(false, new AtomicInteger()), server.config).grants().offers(FAKE_GRANT)).isFalse();
            assertThat(server.assembly.housekeeping().runOnce()).doesNotContainKey("fake_rows");
        }
    }

    @Test
    void theMovedFeaturesComeAndGoWithTheirSwitches() throws Exception {
        try (TestServer on = TestServer.start(Map.of("registration.policy", "initial-access-token", "features.token-exchange.enabled", "true"));
                TestServer off = TestServer.start(Map.of("features.par.enabled", "false"))) {
            assertThat(on.assembly.routes()).anyMatch(r -> r.path().equals("/oauth/par")).anyMatch(r -> r.path().equals("/oauth/register"));
            JsonNode onDiscovery = Json.MAPPER.readTree(on.get("/.well-known/oauth-authorization-server").body());
            assertThat(onDiscovery.has("pushed_authorization_request_endpoint")).isTrue();
            assertThat(onDiscovery.get("registration_endpoint").asText()).isEqualTo(on.url("/oauth/register"));
            assertThat(grantTypes(onDiscovery)).contains("urn:ietf:params:oauth:grant-type:token-exchange");
            assertThat(Features.grants(on.config).offers("urn:ietf:params:oauth:grant-type:token-exchange")).isTrue();
            assertThat(on.assembly.housekeeping().runOnce()).containsKey("pushed_authorizations");

            assertThat(off.assembly.routes()).noneMatch(r -> r.path().equals("/oauth/par")).noneMatch(r -> r.path().startsWith("/oauth/register"));
            JsonNode discovery = Json.MAPPER.readTree(off.get("/.well-known/oauth-authorization-server").body());
            assertThat(discovery.has("pushed_authorization_request_endpoint")).isFalse();
            assertThat(discovery.has("require_pushed_authorization_requests")).isFalse();
            assertThat(discovery.has("registration_endpoint")).isFalse();
            assertThat(grantTypes(discovery)).doesNotContain("urn:ietf:params:oauth:grant-type:token-exchange");
            assertThat(Features.grants(off.config).offers("urn:ietf:params:oauth:grant-type:token-exchange")).isFalse();
            assertThat(off.assembly.housekeeping().runOnce()).doesNotContainKey("pushed_authorizations");
        }
    }

    /** A new feature's endpoints cannot go undocumented: with every switch on, each route is in the README's endpoint table. */
    @Test
    void everyRouteOfEveryFeatureIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..").resolve("README.md"));
        Set<String> documented = new HashSet<>();
        readme.lines().filter(l -> l.startsWith("| `/")).forEach(l -> documented.add(l.substring(3, l.indexOf('`', 3))));
        Map<String, String> everything = Map.of("features.password.enabled", "true", "features.implicit.enabled", "true",
                "features.token-exchange.enabled", "true", "features.device-authorization.enabled", "true", "registration.policy", "open",
                "client-id-metadata.policy", "any", "admin.enabled", "true");
        try (TestServer server = TestServer.start(everything)) {
            for (Route route : server.assembly.routes()) {
                String path = route.path();
                boolean listed = documented.contains(path) || path.startsWith("/static/")
                        || documented.stream().anyMatch(d -> path.startsWith(d.endsWith("...") ? d.substring(0, d.length() - 3) : d + "/"));
                assertThat(listed).as(route.method() + " " + path + " in the README's endpoint table").isTrue();
            }
        }
    }

    private static Set<String> grantTypes(JsonNode discovery) {
        Set<String> out = new HashSet<>();
        discovery.get("grant_types_supported").forEach(g -> out.add(g.asText()));
        return out;
    }

    private static List<Feature> withFake(boolean on, AtomicInteger expired) {
        List<Feature> features = new ArrayList<>(Features.all());
        features.add(new FakeFeature(on, expired));
        return features;
    }

    /** A feature with one of everything; switched off, any call but {@link #enabled} fails the test. */
    private record FakeFeature(boolean on, AtomicInteger expired) implements Feature {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean enabled(CellConfig config) {
            return on;
        }

        @Override
        public Set<String> grantTypes(CellConfig config) {
            assertThat(on).as("grantTypes of a switched-off feature").isTrue();
            return Set.of(FAKE_GRANT);
        }

        @Override
        public void metadata(CellConfig config, Map<String, Object> metadata) {
            assertThat(on).as("metadata of a switched-off feature").isTrue();
            metadata.put("fake_endpoint", config.endpoint("/fake"));
        }

        @Override
        public void install(FeatureContext context, Contributions out) {
            assertThat(on).as("install of a switched-off feature").isTrue();
            ClientCredentialsGrant delegate = new ClientCredentialsGrant(context.random());
            out.route(new Route(HandlerType.GET, "/fake", ctx -> ctx.result("fake")))
                    .grant(new GrantHandler() {
                        @Override
                        public String grantType() {
                            return FAKE_GRANT;
                        }

                        @Override
                        public Set<String> parameters() {
                            return delegate.parameters();
                        }

                        @Override
                        public Issuance handle(TokenRequest request) {
                            return delegate.handle(request);
                        }
                    })
                    .expiry(new ExpiryTask("fake_rows", (now, batchSize) -> expired.getAndSet(0)));
        }
    }
}
