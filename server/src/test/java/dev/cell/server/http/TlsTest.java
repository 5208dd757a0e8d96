package dev.cell.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigException;
import dev.cell.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.tls: HTTPS with HTTP/2 from PEM files, TLS 1.2+ with forward-secret AEAD suites, and a renewed certificate served without a restart. */
class TlsTest {
    @TempDir
    static Path dir;
    static TestCertificates.Pair first;
    static TestCertificates.Pair renewed;
    static Path certificate;
    static Path key;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        first = TestCertificates.generate(dir, "first", "EC");
        renewed = TestCertificates.generate(dir, "renewed", "RSA");
        certificate = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        first.writeTo(certificate, key);
        server = TestServer.start(Map.of("server.tls.certificate", certificate.toString(), "server.tls.private-key", key.toString(),
                "server.tls.reload-interval", "100ms"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(HttpClient.Version version, SSLParameters parameters) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5))
                .sslContext(TestCertificates.trusting(first, renewed));
        if (parameters != null) {
            client.sslParameters(parameters);
        }
        try (HttpClient c = client.build()) {
            return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.assembly.port() + "/.well-known/openid-configuration"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Certificate served(HttpResponse<?> response) throws Exception {
        return response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    @Test
    void servesHttp2OverTls13WithTheConfiguredCertificateAndHttp11ToClientsWithoutH2() throws Exception {
        HttpResponse<String> h2 = get(HttpClient.Version.HTTP_2, null);
        assertThat(h2.statusCode()).isEqualTo(200);
        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(h2.body()).contains("\"issuer\"");
        assertThat(h2.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        HttpResponse<String> h1 = get(HttpClient.Version.HTTP_1_1, null);
        assertThat(h1.statusCode()).isEqualTo(200);
        assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(List.of(served(h2), served(h1))).containsOnly(served(h2));
    }

    @Test
    void overHttp2TheHeaderLimitStillHolds() throws Exception {
        try (HttpClient c = HttpClient.newBuilder().sslContext(TestCertificates.trusting(first, renewed)).build()) {
            HttpRequest big = HttpRequest.newBuilder(URI.create("https://localhost:" + server.assembly.port() + "/.well-known/openid-configuration"))
                    .header("X-Filler", "a".repeat(16 * 1024)).build();
            try {
                HttpResponse<String> r = c.send(big, HttpResponse.BodyHandlers.ofString());
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(r.statusCode()).isEqualTo(431);
            } catch (IOException refused) {
                // the stream or connection closed on the oversized header block: refused either way
            }
        }
    }

    @Test
    void acceptsTls12OnlyWithForwardSecretAeadSuites() throws Exception {
        SSLParameters gcm = new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
                new String[] {"TLSv1.2"});
        HttpResponse<String> ok = get(HttpClient.Version.HTTP_2, gcm);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(ok.version()).isEqualTo(HttpClient.Version.HTTP_2);
        // CBC suites (no AEAD) and RSA key exchange (no forward secrecy) are refused, though the JDK and Jetty would allow them
        for (String suite : new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256"}) {
            assertThatThrownBy(() -> get(HttpClient.Version.HTTP_1_1, new SSLParameters(new String[] {suite}, new String[] {"TLSv1.2"})))
                    .as(suite).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> get(HttpClient.Version.HTTP_1_1, new SSLParameters(null, new String[] {"TLSv1.1"})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestartAndABrokenPairIsNot() throws Exception {
        assertThat(served(get(HttpClient.Version.HTTP_2, null))).isEqualTo(first.certificate());
        // a renewal writes the certificate first: until the key follows, the pair does not match and the old one stays
        Files.writeString(certificate, renewed.certificatePem());
        Thread.sleep(400);
        assertThat(served(get(HttpClient.Version.HTTP_2, null))).isEqualTo(first.certificate());
        Files.writeString(key, renewed.keyPem());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!served(get(HttpClient.Version.HTTP_2, null)).equals(renewed.certificate()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(served(get(HttpClient.Version.HTTP_2, null))).isEqualTo(renewed.certificate());
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
        Thread.sleep(400);
        HttpResponse<String> still = get(HttpClient.Version.HTTP_2, null);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(served(still)).isEqualTo(renewed.certificate());
    }

    @Test
    void readsEd25519KeysToo() throws Exception {
        TestCertificates.Pair ed = TestCertificates.generate(dir, "edwards", "Ed25519");
        Path cert = dir.resolve("ed-cert.pem");
        Path edKey = dir.resolve("ed-key.pem");
        ed.writeTo(cert, edKey);
        PemCredentials read = PemCredentials.read(cert, edKey);
        assertThat(read.chain()).containsExactly(ed.certificate());
        assertThat(read.key().getEncoded()).isEqualTo(ed.key().getEncoded());
    }

    @Test
    void aBadPairStopsStartUpNamingTheSetting() throws Exception {
        TestCertificates.Pair other = TestCertificates.generate(dir, "other", "EC");
        Path cert = dir.resolve("bad-cert.pem");
        Path otherKey = dir.resolve("bad-key.pem");
        Files.writeString(cert, first.certificatePem());
        Files.writeString(otherKey, other.keyPem());
        Duration interval = Duration.ofSeconds(60);
        assertThatThrownBy(() -> new TlsConnector(new CellConfig.Tls(cert, otherKey, interval))).isInstanceOf(ConfigException.class)
                .hasMessage("server.tls.private-key: " + otherKey + " is not the private key of the certificate in " + cert);
        Files.writeString(otherKey, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> new TlsConnector(new CellConfig.Tls(cert, otherKey, interval))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("server.tls.private-key: " + otherKey + " holds a 'EC PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> new TlsConnector(new CellConfig.Tls(dir.resolve("missing.pem"), otherKey, interval)))
                .isInstanceOf(ConfigException.class).hasMessage("server.tls.certificate: " + dir.resolve("missing.pem") + " does not exist");
        Files.writeString(cert, "not a certificate");
        assertThatThrownBy(() -> new TlsConnector(new CellConfig.Tls(cert, key, interval))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("server.tls.certificate: " + cert);
    }
}
