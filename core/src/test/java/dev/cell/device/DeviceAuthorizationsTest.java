package dev.cell.device;

import dev.cell.support.MemoryStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.grant.DeviceCodeGrant;
import dev.cell.grant.TokenResponse;
import dev.cell.session.LoginSession;
import dev.cell.session.SignedIn;
import dev.cell.support.GrantRunner;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.TokenHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The device authorization grant's rules (RFC 8628 §3) on in-memory stores: start, look up, decide, and every poll outcome. */
class DeviceAuthorizationsTest {
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final String VERIFY = "https://auth.example.com/device";

    private final TestWorld world = new TestWorld();
    private final MemoryDeviceStores.Requests store = new MemoryDeviceStores.Requests();
    private final MemoryDeviceStores.Counters counters = new MemoryDeviceStores.Counters();
    private final MemoryStores.Consents consents = new MemoryStores.Consents();
    private final List<AuditEvent> audit = new ArrayList<>();
    private final DeviceAuthorizations device = new DeviceAuthorizations(store, new UserCodeLimiter(counters, 10, 3, Duration.ofMinutes(15),
            world.clock), consents, world.recorder, world.random, new DeviceAuthorizations.Settings(VERIFY, LIFETIME, INTERVAL, 5),
            world.clock, audit::add);
    private final GrantRunner grant = new GrantRunner(new DeviceCodeGrant(device, world.revoker, world.users), world.tokenIssuer);
    private final Client tv = TestWorld.client("tv", AccessTokenFormat.JWT, Set.of(DeviceCodeGrant.GRANT_TYPE, "refresh_token"), List.of());
    private final SignedIn alice = new SignedIn(new LoginSession("session-1", world.alice.id(), world.clock.instant().minusSeconds(60),
            List.of("pwd"), world.clock.instant(), world.clock.instant(), world.clock.instant().plus(Duration.ofHours(8))), world.alice);

    @Test
    void startAnswersCodesUrisLifetimeAndIntervalAndStoresOnlyHashes() {
        DeviceAuthorizations.Started s = device.start(tv, Map.of("scope", "openid read"));

        assertThat(s.deviceCode()).hasSize(43);
        assertThat(s.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(s.verificationUri()).isEqualTo(VERIFY);
        assertThat(s.verificationUriComplete()).isEqualTo(VERIFY + "?user_code=" + s.userCode());
        assertThat(s.expiresIn()).isEqualTo(600);
        assertThat(s.interval()).isEqualTo(5);
        DeviceAuthorization stored = store.rows.values().iterator().next();
        assertThat(stored.deviceCodeHash()).isEqualTo(TokenHasher.hash(s.deviceCode())).isNotEqualTo(s.deviceCode());
        assertThat(stored.userCodeHash()).isEqualTo(TokenHasher.hash(s.userCode().replace("-", "")));
        assertThat(stored.toString()).doesNotContain(s.deviceCode()).doesNotContain(s.userCode().replace("-", ""));
        assertThat(stored.scopes()).containsExactlyInAnyOrder("openid", "read");
        assertThat(s.toString()).doesNotContain(s.deviceCode());
    }

    @Test
    void aClientNotAllowedTheGrantIsUnauthorizedClient() {
        Client web = TestWorld.client("web");

        assertError(() -> device.start(web, Map.of()), OAuthError.UNAUTHORIZED_CLIENT);
    }

    @Test
    void aScopeBeyondTheClientsIsInvalidScopeAndAResourceBeyondItsAudiencesInvalidTarget() {
        assertError(() -> device.start(tv, Map.of("scope", "admin")), OAuthError.INVALID_SCOPE);
        assertError(() -> device.start(tv, Map.of("resource", "https://elsewhere.example")), OAuthError.INVALID_TARGET);
        assertThat(store.rows).isEmpty();
    }

    @Test
    void eachClientHasABoundOfOpenRequests() {
        for (int i = 0; i < 5; i++) {
            device.start(tv, Map.of());
        }
        OAuthException e = catchError(() -> device.start(tv, Map.of()));
        assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE);
        assertThat(e.status()).isEqualTo(429);
    }

    @Test
    void pollingAnswersPendingThenSlowDownWhenTooFastWithTheIntervalRaisedByFiveSeconds() {
        DeviceAuthorizations.Started s = device.start(tv, Map.of("scope", "read"));

        assertError(() -> poll(s), OAuthError.AUTHORIZATION_PENDING);
        world.clock.advance(Duration.ofSeconds(2));
        assertError(() -> poll(s), OAuthError.SLOW_DOWN);
        assertThat(stored().interval()).isEqualTo(Duration.ofSeconds(10));
        world.clock.advance(Duration.ofSeconds(6));
        assertError(() -> poll(s), OAuthError.SLOW_DOWN).as("the raised interval counts from the last poll");
        assertThat(stored().interval()).isEqualTo(Duration.ofSeconds(15));
        world.clock.advance(Duration.ofSeconds(15));
        assertError(() -> poll(s), OAuthError.AUTHORIZATION_PENDING);
    }

    @Test
    void anApprovedRequestGivesTokensOnceWithIdTokenRefreshTokenAndTheSessionsSid() throws Exception {
        DeviceAuthorizations.Started s = device.start(tv, Map.of("scope", "openid offline_access read"));
        DeviceAuthorizations.Lookup.Found found = (DeviceAuthorizations.Lookup.Found) device.lookup(s.userCode().toLowerCase(), "198.51.100.7");
        assertThat(found.userCode()).isEqualTo(s.userCode());
        assertThat(device.approve(found.request(), alice, "198.51.100.7")).isTrue();

        TokenResponse tokens = poll(s);

        assertThat(tokens.refreshToken()).isNotNull();
        assertThat(tokens.scope().split(" ")).containsExactlyInAnyOrder("offline_access", "openid", "read");
        SignedJWT id = world.verified(tokens.idToken());
        assertThat(id.getJWTClaimsSet().getSubject()).isEqualTo(world.alice.id());
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("tv");
        assertThat(id.getJWTClaimsSet().getStringClaim("sid")).isEqualTo("session-1");
        assertThat(id.getJWTClaimsSet().getStringListClaim("amr")).containsExactly("pwd");
        assertThat(world.verified(tokens.accessToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo("session-1");
        assertThat(world.grants.listForSession("session-1")).as("the grant is recorded with the login session").isNotEmpty();
        assertThat(consents.find(world.alice.id(), "tv").orElseThrow().scopes()).containsExactlyInAnyOrder("openid", "offline_access", "read");
        assertThat(audit).extracting(AuditEvent::event).contains(DeviceAuthorizations.CONSENT_GRANTED);

        assertError(() -> poll(s), OAuthError.INVALID_GRANT).as("a second poll");
    }

    @Test
    void aDeniedRequestIsAccessDeniedWithStatus400() {
        DeviceAuthorizations.Started s = device.start(tv, Map.of());
        DeviceAuthorizations.Lookup.Found found = (DeviceAuthorizations.Lookup.Found) device.lookup(s.userCode(), "198.51.100.7");
        assertThat(device.deny(found.request(), alice, "198.51.100.7")).isTrue();

        OAuthException e = catchError(() -> poll(s));
        assertThat(e.error()).isEqualTo(OAuthError.ACCESS_DENIED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(device.approve(found.request(), alice, "198.51.100.7")).as("a decided request cannot be approved").isFalse();
        assertThat(device.lookup(s.userCode(), "198.51.100.7")).isInstanceOf(DeviceAuthorizations.Lookup.NotFound.class);
    }

    @Test
    void anExpiredRequestIsExpiredTokenAndCanNoLongerBeApproved() {
        DeviceAuthorizations.Started s = device.start(tv, Map.of());
        DeviceAuthorizations.Lookup.Found found = (DeviceAuthorizations.Lookup.Found) device.lookup(s.userCode(), "198.51.100.7");
        world.clock.advance(LIFETIME);

        assertError(() -> poll(s), OAuthError.EXPIRED_TOKEN);
        assertThat(device.approve(found.request(), alice, "198.51.100.7")).isFalse();
        assertThat(device.lookup(s.userCode(), "198.51.100.7")).isInstanceOf(DeviceAuthorizations.Lookup.NotFound.class);
    }

    @Test
    void anotherClientsDeviceCodeIsInvalidGrantAndLeavesItUsable() {
        Client other = TestWorld.client("other", AccessTokenFormat.JWT, Set.of(DeviceCodeGrant.GRANT_TYPE), List.of());
        DeviceAuthorizations.Started s = device.start(tv, Map.of());
        device.approve(((DeviceAuthorizations.Lookup.Found) device.lookup(s.userCode(), "198.51.100.7")).request(), alice, "198.51.100.7");

        assertError(() -> grant.handle(other, Map.of("device_code", s.deviceCode()), "203.0.113.9"), OAuthError.INVALID_GRANT);
        assertThat(poll(s).accessToken()).isNotNull();
    }

    @Test
    void unknownMissingAndOverLongDeviceCodes() {
        assertError(() -> grant.handle(tv, Map.of(), "203.0.113.9"), OAuthError.INVALID_REQUEST);
        assertError(() -> grant.handle(tv, Map.of("device_code", "nope"), "203.0.113.9"), OAuthError.INVALID_GRANT);
        assertError(() -> grant.handle(tv, Map.of("device_code", "x".repeat(100_000)), "203.0.113.9"), OAuthError.INVALID_GRANT);
    }

    @Test
    void signingOutBeforeThePollEndsTheApproval() {
        DeviceAuthorizations.Started s = device.start(tv, Map.of());
        device.approve(((DeviceAuthorizations.Lookup.Found) device.lookup(s.userCode(), "198.51.100.7")).request(), alice, "198.51.100.7");
        world.revoker.revokeSession("session-1");

        assertError(() -> poll(s), OAuthError.INVALID_GRANT);
    }

    @Test
    void wrongCodesAreLimitedPerAddressAndPerCodeAndARightOneDoesNotCount() {
        DeviceAuthorizations.Started s = device.start(tv, Map.of());
        for (int i = 0; i < 5; i++) {
            assertThat(device.lookup(s.userCode(), "198.51.100.7")).as("right codes do not count").isInstanceOf(DeviceAuthorizations.Lookup.Found.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(device.lookup("BBBB-BBBB", "198.51.100." + i)).isInstanceOf(DeviceAuthorizations.Lookup.NotFound.class);
        }
        assertThat(device.lookup("BBBB-BBBB", "198.51.100.99")).as("the code's own limit, from any address")
                .isInstanceOf(DeviceAuthorizations.Lookup.Limited.class);
        for (int i = 0; i < 9; i++) {
            assertThat(device.lookup(i % 2 == 0 ? "not a code" : "CCCC-CCC" + "BCDFGHJKLM".charAt(i), "203.0.113.1"))
                    .isInstanceOf(DeviceAuthorizations.Lookup.NotFound.class);
        }
        assertThat(device.lookup("DDDD-DDDD", "203.0.113.1")).isInstanceOf(DeviceAuthorizations.Lookup.NotFound.class);
        assertThat(device.lookup(s.userCode(), "203.0.113.1")).as("the address's limit, even for a right code")
                .isInstanceOf(DeviceAuthorizations.Lookup.Limited.class);
        assertThat(device.lookup(s.userCode(), "198.51.100.7")).isInstanceOf(DeviceAuthorizations.Lookup.Found.class);
    }

    private TokenResponse poll(DeviceAuthorizations.Started s) {
        return grant.handle(tv, Map.of("grant_type", DeviceCodeGrant.GRANT_TYPE, "device_code", s.deviceCode()), "203.0.113.9");
    }

    private DeviceAuthorization stored() {
        return store.rows.values().iterator().next();
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(ThrowingCallable call, OAuthError error) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static OAuthException catchError(ThrowingCallable call) {
        try {
            call.call();
        } catch (OAuthException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("no error");
    }
}
