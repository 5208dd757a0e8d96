package dev.cell.demo.client;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.demo.api.DemoResourceServer;
import dev.cell.resource.ResourceServer;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's whole picture in one JVM on loopback ports: Cell, the notes API and the demo client, registered the way
 * {@code DemoData} registers them for {@code ./cell demo} (demo-client: confidential, code + refresh, audience = the API).
 */
final class DemoStack implements AutoCloseable {
    static final String USER = "demo";
    static final String PASSWORD = "demo-password-1";

    final TestServer cell;
    final DemoResourceServer api;
    final DemoClient client;
    final String clientUrl;

    /** @param serverClock Cell's and the API's clock; @param clientClock the app's */
    DemoStack(Clock serverClock, Clock clientClock) throws Exception {
        cell = TestServer.start(Map.of(), serverClock);
        int apiPort = freePort();
        int clientPort = freePort();
        String apiUrl = "http://127.0.0.1:" + apiPort;
        clientUrl = "http://127.0.0.1:" + clientPort;
        ClientAdmin.Created registered = cell.clients.create("demo-client", ClientMetadata.builder()
                .clientName("Cell demo web app").tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(clientUrl + "/callback"))
                .postLogoutRedirectUris(List.of(clientUrl + "/")).backchannelLogoutUri(clientUrl + DemoClient.BACKCHANNEL_LOGOUT_PATH)
                .scopes(Set.of("openid", "profile", "email", "offline_access", "notes.read", "notes.write"))
                .audiences(List.of(apiUrl)).build());
        cell.users.create(USER, PASSWORD, Map.of("name", "Demo User", "email", "demo@example.com", "email_verified", true), Set.of("ROLE_USER"));
        String issuer = cell.config.issuer().toString();
        api = new DemoResourceServer(ResourceServer.forIssuer(issuer).audience(apiUrl).clock(serverClock).build(), "127.0.0.1", apiPort).start();
        client = new DemoClient(new ClientSettings(URI.create(issuer), "demo-client", registered.secret(), URI.create(clientUrl), URI.create(apiUrl)),
                "127.0.0.1", clientPort, clientClock).start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        api.close();
        cell.close();
    }
}
