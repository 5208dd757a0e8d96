package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** management.port: /metrics and /health/* on a listener of their own (loopback by default), and off the public port. */
class ManagementPortTest {
    private static final List<String> MANAGEMENT = List.of("/metrics", "/health/live", "/health/ready");

    private static HttpResponse<String> onManagementPort(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.assembly.managementPort().orElseThrow() + path)).build());
    }

    @Test
    void withAManagementPortOnlyItServesMetricsAndHealth() {
        try (TestServer server = TestServer.start(Map.of("management.port", "0"))) {
            for (String path : MANAGEMENT) {
                assertThat(server.get(path).statusCode()).as("public " + path).isEqualTo(404);
                HttpResponse<String> r = onManagementPort(server, path);
                assertThat(r.statusCode()).as("management " + path).isEqualTo(200);
            }
            assertThat(onManagementPort(server, "/metrics").body()).contains("cell_crypto_provider");
            assertThat(onManagementPort(server, "/.well-known/openid-configuration").statusCode()).isEqualTo(404);
            assertThat(onManagementPort(server, "/oauth/jwks").statusCode()).isEqualTo(404);
            assertThat(server.get("/.well-known/openid-configuration").statusCode()).isEqualTo(200);
            assertThat(server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.assembly.managementPort().orElseThrow() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void theManagementListenerBindsToLoopbackByDefault() throws Exception {
        try (TestServer server = TestServer.start(Map.of("management.port", "0"))) {
            int port = server.assembly.managementPort().orElseThrow();
            Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
            if (external.isPresent()) {    // a machine with no other address has nothing to show
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(external.get(), port), 2000)).isInstanceOf(IOException.class);
                }
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }
    }

    @Test
    void thePublicPortCanBeToldToKeepServingThemOrToStop() {
        try (TestServer both = TestServer.start(Map.of("management.port", "0", "management.public-endpoints", "true"))) {
            for (String path : MANAGEMENT) {
                assertThat(both.get(path).statusCode()).as("public " + path).isEqualTo(200);
                assertThat(onManagementPort(both, path).statusCode()).as("management " + path).isEqualTo(200);
            }
        }
        try (TestServer none = TestServer.start(Map.of("management.public-endpoints", "false"))) {
            assertThat(none.assembly.managementPort()).isEmpty();
            for (String path : MANAGEMENT) {
                assertThat(none.get(path).statusCode()).as("public " + path).isEqualTo(404);
            }
        }
        try (TestServer plain = TestServer.start()) {
            assertThat(plain.assembly.managementPort()).isEmpty();
            for (String path : MANAGEMENT) {
                assertThat(plain.get(path).statusCode()).as("public " + path).isEqualTo(200);
            }
        }
    }

    @Test
    void aTakenManagementPortStopsStartUpNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TestServer.start(Map.of("management.port", Integer.toString(taken.getLocalPort()))))
                    .hasMessageContaining("port " + taken.getLocalPort() + " is in use on 127.0.0.1")
                    .hasMessageEndingWith("choose another port with management.port");
        }
    }
}
