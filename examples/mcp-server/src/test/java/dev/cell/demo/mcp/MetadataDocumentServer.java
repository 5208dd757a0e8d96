package dev.cell.demo.mcp;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Where an MCP client publishes its client ID metadata document (draft-ietf-oauth-client-id-metadata-document §3): https on
 * 127.0.0.1 with a fresh self-signed certificate (the JDK's keytool), written as a PEM file for Cell's
 * {@code client-id-metadata.trusted-certificates}; counts how often Cell fetched the document.
 */
final class MetadataDocumentServer implements AutoCloseable {
    private static final String PASSWORD = "changeit";

    private final HttpsServer https;
    private final Path certificatePem;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String document = "{}";

    MetadataDocumentServer(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve("client-metadata.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost,O=Cell test",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        certificatePem = dir.resolve("client-metadata.pem");
        Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/mcp-client.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
    }

    /** The client_id: the document's https URL. */
    String url() {
        return "https://127.0.0.1:" + https.getAddress().getPort() + "/mcp-client.json";
    }

    Path certificatePem() {
        return certificatePem;
    }

    void serve(String json) {
        document = json;
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        https.stop(0);
    }
}
