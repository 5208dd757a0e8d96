package dev.cell.server.admin.api;

import static dev.cell.server.admin.api.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.logout.LogoutDelivery;
import dev.cell.server.Browser;
import dev.cell.server.LogoutReceiver;
import dev.cell.server.SignedInApps;
import dev.cell.server.TestServer;
import dev.cell.store.LogoutDeliveryStore;
import dev.cell.token.AccessTokenFormat;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect Back-Channel Logout 1.0 end to end: a real relying party endpoint on a loopback port receives logout tokens it
 * can verify with Cell's JWKS when a session ends, only for the relying parties of that session; a failing endpoint is retried
 * with back-off and then recorded as failed; a delivery whose node died is taken over when its lease runs out.
 */
class BackchannelLogoutTest {
    static final String PASSWORD = "correct horse battery";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static TestServer server;
    static LogoutReceiver receiver;
    static AdminHttp api;
    static String admin;
    static final Map<String, String> secrets = new HashMap<>();

    @BeforeAll
    static void start() {
        receiver = new LogoutReceiver();
        server = TestServer.start(Map.of("admin.enabled", "true", "logout.backchannel.max-attempts", "3",
                "logout.backchannel.initial-backoff", "200ms", "logout.backchannel.max-backoff", "2s", "logout.backchannel.poll-interval", "50ms",
                "logout.backchannel.timeout", "300ms", "logout.backchannel.lease", "1s"));
        api = new AdminHttp(server);
        admin = AdminHttp.token(server, "bcl-admin", AccessTokenFormat.JWT, List.of(), "cell:admin");
        rp(server, "rp-a", receiver.uri("/a"), false);
        rp(server, "rp-b", receiver.uri("/b"), true);
        rp(server, "rp-plain", null, false);
        rp(server, "rp-flaky", receiver.uri("/flaky"), false);
        receiver.answer("/flaky", 503);
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    static void rp(TestServer node, String id, String backchannelUri, boolean sessionRequired) {
        secrets.put(id, node.clients.create(id, ClientMetadata.builder().clientName("RP " + id)
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code", "refresh_token"))
                .redirectUris(List.of(SignedInApps.REDIRECT)).postLogoutRedirectUris(List.of(SignedInApps.BYE))
                .scopes(Set.of("openid", "offline_access", "profile")).backchannelLogoutUri(backchannelUri)
                .backchannelLogoutSessionRequired(sessionRequired).build()).secret());
    }

    /** Signs the browser in to the client through the code flow; returns the ID token. */
    static String signIn(TestServer node, Browser b, String clientId, String user) {
        String code = SignedInApps.code(b, clientId, user, PASSWORD);
        HttpResponse<String> r = node.post("/oauth/token", "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri="
                + enc(SignedInApps.REDIRECT) + "&code_verifier=" + VERIFIER, "Authorization", TestServer.basic(clientId, secrets.get(clientId)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("id_token").asText();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String sid(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("sid");
    }

    static HttpResponse<String> logout(Browser b, String idToken) {
        return SignedInApps.logout(b, new SignedInApps.Tokens(null, null, idToken, null, null));
    }

    /** What a relying party checks (§2.6): signature by Cell's JWKS, typ logout+jwt, iss, aud, iat and exp. */
    static JWTClaimsSet verified(TestServer node, String logoutToken, String audience) throws Exception {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(JWKSet.parse(node.get("/oauth/jwks").body()))));
        JWTClaimsSet c = p.process(logoutToken, null);
        assertThat(c.getIssuer()).isEqualTo(node.config.issuer().toString());
        assertThat(c.getAudience()).containsExactly(audience);
        assertThat(c.getJSONObjectClaim("events")).containsOnlyKeys("http://schemas.openid.net/event/backchannel-logout");
        assertThat(c.getClaims()).doesNotContainKey("nonce");
        assertThat(c.getJWTID()).isNotBlank();
        assertThat(c.getExpirationTime().toInstant()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(3)));
        return c;
    }

    static List<LogoutReceiver.Received> forSid(String path, String sid) {
        return receiver.received(path).stream().filter(r -> {
            try {
                return sid.equals(SignedJWT.parse(r.logoutToken()).getJWTClaimsSet().getStringClaim("sid"));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static List<LogoutReceiver.Received> awaitSid(String path, String sid, int count, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (forSid(path, sid).size() < count && Instant.now().isBefore(end)) {
            Thread.sleep(20);
        }
        return forSid(path, sid);
    }

    static double counter(String outcome) {
        Matcher m = Pattern.compile("(?m)^cell_backchannel_logout_deliveries_total\\{outcome=\"" + outcome + "\"} ([0-9.E+-]+)$")
                .matcher(server.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void rpInitiatedLogoutPostsAVerifiableLogoutTokenToEachRelyingPartyOfThatSessionOnly() throws Exception {
        String alice = server.users.create("bcl-alice", PASSWORD, Map.of(), Set.of()).id();
        Browser laptop = new Browser(server.url(""));
        Browser phone = new Browser(server.url(""));
        String idA = signIn(server, laptop, "rp-a", "bcl-alice");
        signIn(server, laptop, "rp-b", "bcl-alice");
        signIn(server, laptop, "rp-plain", "bcl-alice");
        String other = sid(signIn(server, phone, "rp-a", "bcl-alice"));
        String sid = sid(idA);
        double deliveredBefore = counter("delivered");

        assertThat(Browser.location(logout(laptop, idA))).isEqualTo(SignedInApps.BYE);

        List<LogoutReceiver.Received> a = awaitSid("/a", sid, 1, Duration.ofSeconds(10));
        List<LogoutReceiver.Received> b = awaitSid("/b", sid, 1, Duration.ofSeconds(10));
        assertThat(a).hasSize(1);
        assertThat(b).hasSize(1);
        assertThat(a.get(0).contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(a.get(0).body()).startsWith("logout_token=");
        JWTClaimsSet ca = verified(server, a.get(0).logoutToken(), "rp-a");
        assertThat(ca.getSubject()).isEqualTo(alice);
        assertThat(ca.getStringClaim("sid")).isEqualTo(sid);
        JWTClaimsSet cb = verified(server, b.get(0).logoutToken(), "rp-b");
        assertThat(cb.getStringClaim("sid")).as("rp-b requires the session (backchannel_logout_session_required)").isEqualTo(sid);
        assertThat(cb.getJWTID()).isNotEqualTo(ca.getJWTID());

        Thread.sleep(300);
        assertThat(forSid("/a", other)).as("the phone's session did not end").isEmpty();
        assertThat(forSid("/a", sid)).as("one token per relying party").hasSize(1);
        JsonNode delivered = json(api.get("/backchannel-logout/deliveries?status=delivered", admin)).get("items");
        assertThat(delivered.findValuesAsText("sid")).contains(sid);
        assertThat(delivered.findParents("sid").stream().filter(d -> d.get("sid").asText().equals(sid)).map(d -> d.get("client_id").asText()))
                .containsExactlyInAnyOrder("rp-a", "rp-b");
        assertThat(counter("delivered")).isGreaterThanOrEqualTo(deliveredBefore + 2);
    }

    @Test
    void signingAUserOutEverywhereReachesEachSession() throws Exception {
        String bob = server.users.create("bcl-bob", PASSWORD, Map.of(), Set.of()).id();
        String one = sid(signIn(server, new Browser(server.url("")), "rp-a", "bcl-bob"));
        String two = sid(signIn(server, new Browser(server.url("")), "rp-a", "bcl-bob"));

        HttpResponse<String> r = api.send("DELETE", "/users/" + bob + "/sessions", admin, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);

        assertThat(awaitSid("/a", one, 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(awaitSid("/a", two, 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(verified(server, forSid("/a", two).get(0).logoutToken(), "rp-a").getSubject()).isEqualTo(bob);
    }

    @Test
    void aFailingRelyingPartyIsRetriedWithGrowingWaitsThenRecordedAsFailed() throws Exception {
        server.users.create("bcl-carol", PASSWORD, Map.of(), Set.of());
        Browser b = new Browser(server.url(""));
        String idToken = signIn(server, b, "rp-flaky", "bcl-carol");
        String sid = sid(idToken);
        logout(b, idToken);

        List<LogoutReceiver.Received> attempts = awaitSid("/flaky", sid, 3, Duration.ofSeconds(15));
        assertThat(attempts).hasSize(3);
        Duration first = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        Duration second = Duration.between(attempts.get(1).at(), attempts.get(2).at());
        assertThat(first).as("back-off after the first attempt").isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(second).as("doubled after the second").isGreaterThanOrEqualTo(Duration.ofMillis(390));

        JsonNode failed = awaitFailed(sid);
        assertThat(failed).as("recorded as failed").isNotNull();
        assertThat(failed.get("client_id").asText()).isEqualTo("rp-flaky");
        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("last_error").asText()).isEqualTo("HTTP 503");
        Thread.sleep(700);
        assertThat(forSid("/flaky", sid)).as("no attempt after the last").hasSize(3);
        JsonNode events = json(api.get("/audit-events?event=backchannel_logout&client_id=rp-flaky", admin)).get("items");
        assertThat(events.findValuesAsText("outcome")).containsExactly("failed", "retry", "retry");
        assertThat(counter("failed")).isGreaterThanOrEqualTo(1);
        assertThat(counter("retry")).isGreaterThanOrEqualTo(2);
    }

    /** The row once its worker has marked it delivered, which happens just after the receiver answered; null after 10 s. */
    static LogoutDelivery awaitDelivered(LogoutDeliveryStore queue, String id) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            var row = queue.list(LogoutDelivery.Status.DELIVERED, null, null, 200).stream().filter(d -> d.id().equals(id)).findFirst();
            if (row.isPresent()) {
                return row.get();
            }
            Thread.sleep(50);
        }
        return null;
    }

    static JsonNode awaitFailed(String sid) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            for (JsonNode d : json(api.get("/backchannel-logout/deliveries?status=failed", admin)).get("items")) {
                if (d.get("sid").asText().equals(sid)) {
                    return d;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void aDeliveryWhoseNodeDiedIsDeliveredByAnotherWorkerOnceTheLeaseRunsOut() throws Exception {
        LogoutDeliveryStore queue = server.database.stores().logoutDeliveries();
        Instant now = Instant.now();
        Instant due = now.plusMillis(300);
        queue.enqueue(List.of(new LogoutDelivery("dead-node-row", "rp-a", "user-dora", "sid-dead-node", LogoutDelivery.Status.PENDING, 0,
                due, null, null, null, now, now)));
        // a node takes the row as it falls due, then dies before posting anything
        assertThat(queue.claim("dead-node", due, now.plusSeconds(1), 10)).hasSize(1);

        List<LogoutReceiver.Received> got = awaitSid("/a", "sid-dead-node", 1, Duration.ofSeconds(10));
        assertThat(got).as("another worker posted it").hasSize(1);
        assertThat(got.get(0).at()).as("not before the lease ran out").isAfterOrEqualTo(now.plusSeconds(1));
        assertThat(verified(server, got.get(0).logoutToken(), "rp-a").getSubject()).isEqualTo("user-dora");
        assertThat(queue.delivered("dead-node-row", "dead-node", Instant.now())).as("the dead node no longer holds it").isFalse();
        LogoutDelivery row = awaitDelivered(queue, "dead-node-row");
        assertThat(row).as("marked delivered after the receiver answered").isNotNull();
        assertThat(row.attempts()).isEqualTo(2);
    }

    @Test
    void discoveryAdvertisesBackChannelLogoutWithSessions() {
        JsonNode meta = json(server.get("/.well-known/openid-configuration"));
        assertThat(meta.get("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(meta.get("backchannel_logout_session_supported").asBoolean()).isTrue();
    }

    @Test
    void aNodeDeliversWhatItQueuedAtOnceNotAtItsNextPoll() throws Exception {
        try (TestServer slow = TestServer.start(Map.of("logout.backchannel.poll-interval", "1h"))) {
            rp(slow, "rp-prompt", receiver.uri("/prompt"), false);
            slow.users.create("bcl-fay", PASSWORD, Map.of(), Set.of());
            Browser b = new Browser(slow.url(""));
            String idToken = signIn(slow, b, "rp-prompt", "bcl-fay");
            Instant loggedOut = Instant.now();
            logout(b, idToken);
            List<LogoutReceiver.Received> got = awaitSid("/prompt", sid(idToken), 1, Duration.ofSeconds(10));
            assertThat(got).hasSize(1);
            assertThat(Duration.between(loggedOut, got.get(0).at())).as("woken by the sign-out, not the hourly poll")
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void switchedOffNothingIsAdvertisedOrPosted() throws Exception {
        try (TestServer off = TestServer.start(Map.of("logout.backchannel.enabled", "false"))) {
            JsonNode meta = json(off.get("/.well-known/openid-configuration"));
            assertThat(meta.has("backchannel_logout_supported")).isFalse();
            assertThat(meta.has("backchannel_logout_session_supported")).isFalse();
            rp(off, "rp-off", receiver.uri("/off"), false);
            off.users.create("bcl-erin", PASSWORD, Map.of(), Set.of());
            Browser b = new Browser(off.url(""));
            logout(b, signIn(off, b, "rp-off", "bcl-erin"));
            Thread.sleep(300);
            assertThat(receiver.received("/off")).isEmpty();
            assertThat(off.database.stores().logoutDeliveries().list(null, null, null, 10)).isEmpty();
        }
    }
}
