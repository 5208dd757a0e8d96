package dev.cell.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.authorize.AuthorizationOutcome.ErrorPage;
import dev.cell.authorize.AuthorizationOutcome.Redirect;
import dev.cell.authorize.AuthorizationOutcome.ShowConsent;
import dev.cell.authorize.AuthorizationOutcome.ShowLogin;
import dev.cell.client.ClientRegistry;
import dev.cell.consent.Consent;
import dev.cell.error.OAuthError;
import dev.cell.event.AuditEvent;
import dev.cell.session.LoginSession;
import dev.cell.session.SignedIn;
import dev.cell.store.PendingAuthorizationStore;
import dev.cell.support.MemoryStores;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.TokenHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each outcome of {@link AuthorizationService}: error page, error redirect, login, consent, code, tokens, and the bounds. */
class AuthorizationServiceTest {
    private final TestWorld world = new TestWorld();
    private final MemoryStores.Clients clientStore = new MemoryStores.Clients();
    private final Pending pendingStore = new Pending();
    private final MemoryStores.Consents consents = new MemoryStores.Consents();
    private final List<AuditEvent> events = new ArrayList<>();
    private final PushedStore pushedStore = new PushedStore();
    private PendingLimits limits = new PendingLimits(5, 10, 100);
    private boolean requirePushed;

    AuthorizationServiceTest() {
        clientStore.create(TestWorld.client("web"));
        clientStore.create(TestWorld.client("legacy", AccessTokenFormat.JWT, Set.of("implicit"), List.of(TestWorld.REDIRECT)));
    }

    private AuthorizationService service() {
        ClientRegistry clients = new ClientRegistry(clientStore);
        AuthorizationRequestValidator validator = new AuthorizationRequestValidator(clients, false, true, new ParameterLimits(2048, 512));
        return new AuthorizationService(validator, pushed(validator), null, new AuthorizationService.Requirements(requirePushed, false),
                clients, consents, pendingStore, world.codeIssuer, new ImplicitTokens(world.accessTokens, world.idTokens, world.random, world.recorder),
                world.random, limits, world.clock, events::add);
    }

    private PushedAuthorizationRequests pushed(AuthorizationRequestValidator validator) {
        return new PushedAuthorizationRequests(pushedStore, validator, null, false, world.random, Duration.ofSeconds(60), 3, world.clock);
    }

    private PushedAuthorizationRequests pushed() {
        ClientRegistry clients = new ClientRegistry(clientStore);
        return pushed(new AuthorizationRequestValidator(clients, false, true, new ParameterLimits(2048, 512)));
    }

    private static Map<String, String> request(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of("client_id", "web", "redirect_uri", TestWorld.REDIRECT, "response_type", "code",
                "scope", "openid profile", "state", "s1", "code_challenge", TestWorld.CHALLENGE, "code_challenge_method", "S256"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    /** The error code of an error page or of an error redirect. */
    private static String errorOf(AuthorizationOutcome outcome) {
        return outcome instanceof ErrorPage e ? e.error().error().code() : ((Redirect) outcome).parameters().get("error");
    }

    private record TestBrowser(String binding, String address, SignedIn signedIn) implements Browser {}

    private TestBrowser anonymous() {
        return new TestBrowser("browser-1", "192.0.2.7", null);
    }

    private TestBrowser signedIn(Instant authTime) {
        LoginSession session = new LoginSession(TokenHasher.hash("cookie-" + authTime), world.alice.id(), authTime, List.of("pwd"),
                authTime, authTime, authTime.plus(Duration.ofDays(1)));
        return new TestBrowser("browser-1", "192.0.2.7", new SignedIn(session, world.alice));
    }

    @Test
    void anUnknownClientIsAnErrorPageNeverARedirect() {
        AuthorizationOutcome outcome = service().authorize(request("client_id", "nobody"), anonymous());

        assertThat(outcome).isInstanceOfSatisfying(ErrorPage.class, e -> {
            assertThat(e.error().error()).isEqualTo(OAuthError.INVALID_REQUEST);
            assertThat(e.retryAfter()).isNull();
        });
        assertThat(pendingStore.rows).isEmpty();
    }

    @Test
    void anErrorAfterTheRedirectUriIsProvenGoesToTheClientWithState() {
        AuthorizationOutcome outcome = service().authorize(request("response_type", "code token"), anonymous());

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class, r -> {
            assertThat(r.redirectUri()).isEqualTo(TestWorld.REDIRECT);
            assertThat(r.parameters()).containsEntry("error", "unsupported_response_type");
            assertThat(r.state()).isEqualTo("s1");
        });
    }

    @Test
    void aBrowserWithoutSessionIsShownTheLoginAndTheTypedRequestWaits() {
        AuthorizationOutcome outcome = service().authorize(request(), anonymous());

        PendingAuthorization p = ((ShowLogin) outcome).pending();
        assertThat(p.browserId()).isEqualTo("browser-1");
        assertThat(p.clientAddress()).isEqualTo("192.0.2.7");
        assertThat(p.request().scopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(p.request().codeChallenge()).isEqualTo(TestWorld.CHALLENGE);
        assertThat(p.authenticatedSession()).isNull();
        assertThat(service().pending(p.id(), "web", anonymous())).isEqualTo(p);
    }

    @Test
    void promptNoneWithoutSessionIsLoginRequiredAtTheClient() {
        AuthorizationOutcome outcome = service().authorize(request("prompt", "none"), anonymous());

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class,
                r -> assertThat(r.parameters()).containsEntry("error", "login_required"));
        assertThat(pendingStore.rows).isEmpty();
    }

    @Test
    void aSignedInUserWithoutConsentIsShownTheConsentPage() {
        AuthorizationOutcome outcome = service().authorize(request(), signedIn(world.clock.instant()));

        assertThat(outcome).isInstanceOf(ShowConsent.class);
    }

    @Test
    void promptNoneWithoutConsentIsConsentRequired() {
        AuthorizationOutcome outcome = service().authorize(request("prompt", "none"), signedIn(world.clock.instant()));

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class,
                r -> assertThat(r.parameters()).containsEntry("error", "consent_required").containsEntry("error_description",
                        "the user has not consented"));
    }

    @Test
    void rememberedConsentIssuesTheCodeAtOnce() {
        consents.save(new Consent(world.alice.id(), "web", Set.of("openid", "profile"), world.clock.instant()));

        AuthorizationOutcome outcome = service().authorize(request("prompt", "none"), signedIn(world.clock.instant()));

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class, r -> {
            assertThat(r.parameters()).containsOnlyKeys("code");
            assertThat(r.state()).isEqualTo("s1");
            assertThat(world.codes.consume(TokenHasher.hash(r.parameters().get("code")), "web", world.clock.instant()))
                    .isInstanceOf(dev.cell.store.AuthorizationCodeStore.Consumption.Consumed.class);
        });
    }

    @Test
    void approvingConsentRemembersItAuditsItAndIssuesACodeForTheApprovedScopes() {
        TestBrowser browser = signedIn(world.clock.instant());
        PendingAuthorization p = ((ShowConsent) service().authorize(request(), browser)).pending();

        AuthorizationOutcome outcome = service().consent(p, browser, true, Set.of("openid"));

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class, r -> assertThat(r.parameters()).containsKey("code"));
        assertThat(consents.find(world.alice.id(), "web").orElseThrow().scopes()).containsExactly("openid");
        assertThat(events).extracting(AuditEvent::event).containsExactly(AuthorizationService.CONSENT_GRANTED);
        assertThat(pendingStore.rows).as("a finished request is gone").isEmpty();
    }

    @Test
    void denyingConsentIsAccessDenied() {
        TestBrowser browser = signedIn(world.clock.instant());
        PendingAuthorization p = ((ShowConsent) service().authorize(request(), browser)).pending();

        AuthorizationOutcome outcome = service().consent(p, browser, false, Set.of("openid"));

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class, r -> {
            assertThat(r.parameters()).containsEntry("error", "access_denied");
            assertThat(r.state()).isEqualTo("s1");
        });
        assertThat(events).extracting(AuditEvent::event).containsExactly(AuthorizationService.CONSENT_DENIED);
        assertThat(consents.rows).isEmpty();
    }

    @Test
    void promptLoginIsMetOnlyByTheLoginForThisRequest() {
        consents.save(new Consent(world.alice.id(), "web", Set.of("openid", "profile", "email"), world.clock.instant()));
        TestBrowser old = signedIn(world.clock.instant().minusSeconds(3600));
        PendingAuthorization p = ((ShowLogin) service().authorize(request("prompt", "login consent"), old)).pending();

        TestBrowser fresh = signedIn(world.clock.instant());
        AuthorizationOutcome afterLogin = service().loggedIn(p, fresh);

        PendingAuthorization atConsent = ((ShowConsent) afterLogin).pending();
        assertThat(atConsent.authenticatedSession()).isEqualTo(fresh.signedIn().session().idHash());
        assertThat(atConsent.id()).as("a fresh id once a session is recorded").isNotEqualTo(p.id());
        assertThat(service().resume(atConsent, fresh)).as("the consent page reloaded").isInstanceOf(ShowConsent.class);
        assertThat(service().resume(atConsent, old)).as("another session must still sign in").isInstanceOf(ShowLogin.class);
    }

    @Test
    void maxAgeOlderThanTheSessionAsksForLogin() {
        consents.save(new Consent(world.alice.id(), "web", Set.of("openid", "profile"), world.clock.instant()));

        assertThat(service().authorize(request("max_age", "60"), signedIn(world.clock.instant().minusSeconds(120))))
                .isInstanceOf(ShowLogin.class);
        assertThat(service().authorize(request("max_age", "600"), signedIn(world.clock.instant().minusSeconds(120))))
                .isInstanceOf(Redirect.class);
    }

    @Test
    void theImplicitGrantAnswersTokensAndAuditsThem() {
        consents.save(new Consent(world.alice.id(), "legacy", Set.of("openid", "profile"), world.clock.instant()));

        AuthorizationOutcome outcome = service().authorize(Map.of("client_id", "legacy", "redirect_uri", TestWorld.REDIRECT,
                "response_type", "id_token token", "scope", "openid profile", "nonce", "n1"), signedIn(world.clock.instant()));

        assertThat(outcome).isInstanceOfSatisfying(Redirect.class, r -> {
            assertThat(r.responseMode()).isEqualTo(ResponseMode.FRAGMENT);
            assertThat(r.parameters()).containsKeys("access_token", "id_token", "token_type", "expires_in");
        });
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(AuthorizationService.TOKEN_ISSUED);
            assertThat(e.details()).containsEntry("grant_type", "implicit").containsEntry("tokens", "access_token id_token")
                    .containsEntry(AuthorizationService.ACCESS_TOKEN_FORMAT, "jwt");
        });
    }

    @Test
    void aPendingRequestIsOnlyForItsBrowserAndNotAfterItExpires() {
        PendingAuthorization p = ((ShowLogin) service().authorize(request(), anonymous())).pending();

        assertThatThrownBy(() -> service().pending(p.id(), "web", new TestBrowser("browser-2", "192.0.2.7", null)))
                .isInstanceOfSatisfying(PendingRequestGone.class, e -> assertThat(e.client().clientId()).isEqualTo("web"));
        world.clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> service().pending(p.id(), null, anonymous())).isInstanceOf(PendingRequestGone.class);
        assertThatThrownBy(() -> service().pending("x".repeat(65), null, anonymous()))
                .isInstanceOfSatisfying(dev.cell.error.OAuthException.class,
                        e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void theBoundsOnOpenRequestsAreErrorPages() {
        limits = new PendingLimits(1, 2, 100);
        assertThat(service().authorize(request(), anonymous())).isInstanceOf(ShowLogin.class);

        AuthorizationOutcome sameBrowser = service().authorize(request(), anonymous());
        assertThat(sameBrowser).isInstanceOfSatisfying(ErrorPage.class, e -> {
            assertThat(e.error().status()).isEqualTo(400);
            assertThat(e.retryAfter()).isNull();
        });

        assertThat(service().authorize(request(), new TestBrowser("browser-2", "192.0.2.7", null))).isInstanceOf(ShowLogin.class);
        AuthorizationOutcome sameAddress = service().authorize(request(), new TestBrowser("browser-3", "192.0.2.7", null));
        assertThat(sameAddress).isInstanceOfSatisfying(ErrorPage.class, e -> {
            assertThat(e.error().error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
            assertThat(e.error().status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        });
    }

    @Test
    void aClientDeletedMidwayEndsOnTheErrorPage() {
        PendingAuthorization p = ((ShowLogin) service().authorize(request(), anonymous())).pending();
        clientStore.delete("web");

        assertThat(service().loggedIn(p, signedIn(world.clock.instant()))).isInstanceOf(ErrorPage.class);
    }

    @Test
    void aPushedRequestIsUsedOnceAndItsParametersReplaceAllOthers() {
        String requestUri = pushed().push(TestWorld.client("web"), request("state", "pushed-state")).requestUri();
        assertThat(requestUri).startsWith(PushedAuthorizationRequests.URN_PREFIX);
        assertThat(pushedStore.rows.keySet()).as("stored under its hash only").doesNotContain(requestUri)
                .containsExactly(TokenHasher.hash(requestUri));

        AuthorizationOutcome outcome = service().authorize(Map.of("client_id", "web", "request_uri", requestUri, "state", "outer",
                "scope", "email"), anonymous());

        PendingAuthorization p = ((ShowLogin) outcome).pending();
        assertThat(p.request().state()).isEqualTo("pushed-state");
        assertThat(p.request().scopes()).containsExactlyInAnyOrder("openid", "profile");
        assertThat(service().authorize(Map.of("client_id", "web", "request_uri", requestUri), anonymous()))
                .as("a second use").satisfies(o -> assertThat(errorOf(o)).isEqualTo("invalid_request_uri"));
    }

    @Test
    void aPushedRequestExpiresAndIsOnlyForItsClient() {
        clientStore.create(TestWorld.client("other"));
        String forOther = pushed().push(TestWorld.client("web"), request()).requestUri();
        assertThat(service().authorize(Map.of("client_id", "other", "request_uri", forOther), anonymous()))
                .satisfies(o -> assertThat(errorOf(o)).isEqualTo("invalid_request_uri"));
        assertThat(service().authorize(Map.of("client_id", "web", "request_uri", forOther), anonymous()))
                .as("another client's attempt does not spend it").isInstanceOf(ShowLogin.class);

        String expiring = pushed().push(TestWorld.client("web"), request()).requestUri();
        world.clock.advance(Duration.ofSeconds(61));
        assertThat(service().authorize(Map.of("client_id", "web", "request_uri", expiring), anonymous()))
                .satisfies(o -> assertThat(errorOf(o)).isEqualTo("invalid_request_uri"));
    }

    @Test
    void requestUrisCellDidNotIssueAreRefusedWithoutALookup() {
        for (String uri : List.of("https://client.example/request.jwt", PushedAuthorizationRequests.URN_PREFIX + "x".repeat(200))) {
            assertThat(service().authorize(Map.of("client_id", "web", "request_uri", uri), anonymous()))
                    .satisfies(o -> assertThat(errorOf(o)).isEqualTo("invalid_request_uri"));
        }
        assertThat(pushedStore.lookups).isZero();
        assertThat(service().authorize(Map.of("client_id", "web", "request_uri", "urn:x", "redirect_uri", "https://evil.example/cb"),
                anonymous())).as("no proven redirect URI: the error page").isInstanceOfSatisfying(ErrorPage.class,
                        e -> assertThat(e.error().error()).isEqualTo(OAuthError.INVALID_REQUEST_URI));
        assertThat(service().authorize(Map.of("request_uri", PushedAuthorizationRequests.URN_PREFIX + "abc"), anonymous()))
                .isInstanceOfSatisfying(ErrorPage.class, e -> assertThat(e.error().error()).isEqualTo(OAuthError.INVALID_REQUEST));
    }

    @Test
    void pushingValidatesLikeTheAuthorizationEndpointButAnswersErrorsDirectly() {
        PushedAuthorizationRequests par = pushed();
        dev.cell.client.Client web = TestWorld.client("web");

        assertThatThrownBy(() -> par.push(web, request("response_type", "token code")))
                .isInstanceOfSatisfying(dev.cell.error.OAuthException.class, e -> {
                    assertThat(e.error()).isEqualTo(OAuthError.UNSUPPORTED_RESPONSE_TYPE);
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> par.push(web, request("redirect_uri", "https://evil.example/cb")))
                .isInstanceOfSatisfying(dev.cell.error.OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
        assertThatThrownBy(() -> par.push(web, request("request_uri", "urn:ietf:params:oauth:request_uri:x")))
                .as("RFC 9126 section 2.1").isInstanceOf(dev.cell.error.OAuthException.class);
        assertThatThrownBy(() -> par.push(web, request("client_id", "other")))
                .isInstanceOfSatisfying(dev.cell.error.OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
        assertThatThrownBy(() -> par.push(web, request("state", "x".repeat(3000))))
                .isInstanceOfSatisfying(dev.cell.error.OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
        assertThat(pushedStore.rows).isEmpty();

        String uri = par.push(web, request("client_secret", "s3cret", "client_assertion", "a.b.c", "unknown", "x")).requestUri();
        assertThat(pushedStore.rows.get(TokenHasher.hash(uri)).parameters()).as("client authentication is never stored")
                .doesNotContainKeys("client_secret", "client_assertion", "unknown").containsEntry("client_id", "web");
    }

    @Test
    void eachClientHasABoundOnOpenPushedRequests() {
        PushedAuthorizationRequests par = pushed();
        for (int i = 0; i < 3; i++) {
            par.push(TestWorld.client("web"), request());
        }
        assertThatThrownBy(() -> par.push(TestWorld.client("web"), request()))
                .isInstanceOfSatisfying(dev.cell.error.OAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.headers()).containsEntry("Retry-After", "60");
                });
        clientStore.create(TestWorld.client("other"));
        assertThat(par.push(TestWorld.client("other"), request("client_id", "other")).expiresIn()).isEqualTo(60);
    }

    @Test
    void whenPushedRequestsAreRequiredAPlainRequestIsRefusedAtTheClient() {
        requirePushed = true;

        assertThat(service().authorize(request(), anonymous())).isInstanceOfSatisfying(Redirect.class, r -> {
            assertThat(r.parameters()).containsEntry("error", "invalid_request");
            assertThat(r.state()).isEqualTo("s1");
        });
        String uri = pushed().push(TestWorld.client("web"), request()).requestUri();
        assertThat(service().authorize(Map.of("client_id", "web", "request_uri", uri), anonymous())).isInstanceOf(ShowLogin.class);
    }

    /** Pushed requests in memory, consumed atomically. */
    private static final class PushedStore implements dev.cell.store.PushedAuthorizationStore {
        final Map<String, PushedAuthorization> rows = new HashMap<>();
        int lookups;

        @Override
        public synchronized boolean saveWithin(PushedAuthorization request, int maxPerClient) {
            if (rows.values().stream().filter(r -> r.clientId().equals(request.clientId()) && r.expiresAt().isAfter(request.createdAt()))
                    .count() >= maxPerClient) {
                return false;
            }
            rows.put(request.requestUriHash(), request);
            return true;
        }

        @Override
        public synchronized Optional<PushedAuthorization> consume(String requestUriHash, String clientId, Instant now) {
            lookups++;
            PushedAuthorization p = rows.get(requestUriHash);
            if (p == null || !p.clientId().equals(clientId) || !p.expiresAt().isAfter(now)) {
                return Optional.empty();
            }
            rows.remove(requestUriHash);
            return Optional.of(p);
        }

        @Override
        public int deleteExpired(Instant now, int limit) {
            return 0;
        }
    }

    /** Pending requests in memory with the JDBC store's bounds. */
    private static final class Pending implements PendingAuthorizationStore {
        final Map<String, PendingAuthorization> rows = new HashMap<>();

        @Override
        public synchronized boolean saveWithin(PendingAuthorization p, PendingLimits limits) {
            List<PendingAuthorization> live = rows.values().stream().filter(r -> r.expiresAt().isAfter(p.createdAt())).toList();
            if (live.stream().filter(r -> r.browserId().equals(p.browserId())).count() >= limits.perBrowser()
                    || live.stream().filter(r -> r.clientAddress().equals(p.clientAddress())).count() >= limits.perClientAddress()
                    || live.size() >= limits.total()) {
                return false;
            }
            rows.put(p.id(), p);
            return true;
        }

        @Override
        public synchronized Optional<PendingAuthorization> find(String id, Instant now) {
            return Optional.ofNullable(rows.get(id)).filter(p -> p.expiresAt().isAfter(now));
        }

        @Override
        public synchronized boolean delete(String id) {
            return rows.remove(id) != null;
        }

        @Override
        public synchronized int countForBrowser(String browserId, Instant now) {
            return (int) rows.values().stream().filter(p -> p.browserId().equals(browserId) && p.expiresAt().isAfter(now)).count();
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            return 0;
        }
    }
}
