package dev.cell.server.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.server.TestServer;
import dev.cell.token.AccessTokenFormat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API registers clients with the device grant type exactly while the feature is on. */
class DeviceAdminTest {
    static final String BODY = "{\"client_id\":\"tv\",\"client_name\":\"TV\",\"token_endpoint_auth_method\":\"none\","
            + "\"grant_types\":[\"urn:ietf:params:oauth:grant-type:device_code\"],\"scope\":\"profile\"}";

    @Test
    void theDeviceGrantTypeIsAcceptedOnlyWhileTheFeatureIsOn() {
        try (TestServer on = TestServer.start(Map.of("admin.enabled", "true", "features.device-authorization.enabled", "true"))) {
            HttpResponse<String> r = new AdminHttp(on).send("POST", "/clients", AdminHttp.token(on, "admin", AccessTokenFormat.JWT, List.of(),
                    "cell:admin"), BODY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).contains("urn:ietf:params:oauth:grant-type:device_code");
            assertThat(on.post("/oauth/device_authorization", "client_id=tv").statusCode()).isEqualTo(200);
        }
        try (TestServer off = TestServer.start(Map.of("admin.enabled", "true"))) {
            HttpResponse<String> r = new AdminHttp(off).send("POST", "/clients", AdminHttp.token(off, "admin", AccessTokenFormat.JWT, List.of(),
                    "cell:admin"), BODY);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("not offered");
        }
    }
}
