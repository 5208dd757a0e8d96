package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import dev.cell.client.ClientAuthMethod;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The device grant's bounds in time and number (RFC 8628 §3.5, §5.1): expiry, guessing limits, open requests, housekeeping. */
class DeviceLimitsTest {
    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("features.device-authorization.enabled", "true", "device.max-failures-per-address", "3",
                "device.max-failures-per-code", "2", "device.max-open-per-client", "3", "device.code-lifetime", "2m",
                "server.trusted-proxies", "127.0.0.1"), CLOCK);
        DeviceFlowTest.register(server, "tv", ClientAuthMethod.NONE, Set.of(DeviceFlowTest.GRANT));
        DeviceFlowTest.register(server, "tv-many", ClientAuthMethod.NONE, Set.of(DeviceFlowTest.GRANT));
        server.users.create(DeviceFlowTest.USER, DeviceFlowTest.PASSWORD, Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anExpiredDeviceCodeIsExpiredTokenAndHousekeepingRemovesIt() throws Exception {
        DeviceAuthorizationSuccessResponse started = DeviceFlowTest.startPublic(server, "tv", null);
        assertThat(started.getLifetime()).isEqualTo(120);
        CLOCK.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertThat(DeviceFlowTest.error(DeviceFlowTest.poll(server, "tv", started.getDeviceCode())))
                .isEqualTo(DeviceAuthorizationGrantError.EXPIRED_TOKEN);
        assertThat(server.assembly.housekeeping().runOnce()).containsKey("device_authorizations");
        assertThat(DeviceFlowTest.error(DeviceFlowTest.poll(server, "tv", started.getDeviceCode())).getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void wrongCodesFromOneAddressAreLimitedAndThenEvenTheRightOneWaits() throws Exception {
        DeviceAuthorizationSuccessResponse started = DeviceFlowTest.startPublic(server, "tv", null);
        Browser b = new Browser(server.url(""));
        HttpResponse<String> page = DeviceFlowTest.decide(server, b, "/device", "allow");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(page.body()));
        for (String wrong : new String[] {"BBBB-BBBB", "CCCC-CCCC"}) {
            form.put("user_code", wrong);
            assertThat(b.post("/device", form).statusCode()).as(wrong).isEqualTo(400);
        }

        form.put("user_code", started.getUserCode().getValue());
        HttpResponse<String> limited = b.post("/device", form);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many wrong codes");
        assertThat(b.get("/device?user_code=" + started.getUserCode().getValue()).statusCode()).as("the link too").isEqualTo(429);

        CLOCK.advance(Duration.ofMinutes(16));
        DeviceAuthorizationSuccessResponse later = DeviceFlowTest.startPublic(server, "tv", null);
        assertThat(b.get("/device?user_code=" + later.getUserCode().getValue()).statusCode()).as("after the window").isEqualTo(200);
    }

    @Test
    void oneCodeGuessedFromManyAddressesIsLimitedPerCode() throws Exception {
        Browser b = new Browser(server.url(""));
        HttpResponse<String> page = DeviceFlowTest.decide(server, b, "/device", "allow");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(page.body()));
        form.put("user_code", "DDDD-DDDD");
        for (String address : new String[] {"203.0.113.1", "203.0.113.2"}) {
            b.headers.put("X-Forwarded-For", address);
            assertThat(b.post("/device", form).statusCode()).as("a first wrong try from " + address).isEqualTo(400);
        }

        b.headers.put("X-Forwarded-For", "203.0.113.3");
        HttpResponse<String> limited = b.post("/device", form);
        assertThat(limited.statusCode()).as("the third try of that code, from a fresh address").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        form.put("user_code", "FFFF-FFFF");
        assertThat(b.post("/device", form).statusCode()).as("another code from that address is only wrong").isEqualTo(400);
        CLOCK.advance(Duration.ofMinutes(16));
    }

    @Test
    void aClientHasABoundOfOpenRequests() throws Exception {
        for (int i = 0; i < 3; i++) {
            DeviceFlowTest.startPublic(server, "tv-many", null);
        }
        HttpResponse<String> more = server.post("/oauth/device_authorization", "client_id=tv-many");
        assertThat(more.statusCode()).isEqualTo(429);
        assertThat(more.body()).contains("temporarily_unavailable");
        assertThat(more.headers().firstValue("Retry-After")).isPresent();
    }
}
