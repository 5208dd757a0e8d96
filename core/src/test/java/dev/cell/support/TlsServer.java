package dev.cell.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An https server on 127.0.0.1 with a fresh self-signed certificate (made by the JDK's keytool, for localhost and 127.0.0.1)
 * that answers each path as told: for client ID metadata documents, jwks_uri and the like. Its certificate is written as a
 * PEM file ({@link #certificatePem()}) for {@code client-id-metadata.trusted-certificates}, or trusted by {@link #clientContext()}.
 */
public final class TlsServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** What a path answers. */
    public record Answer(int status, Map<String, String> headers, byte[] body, Duration delay) {
        public static Answer json(String json) {
            return new Answer(200, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Answer(status, Map.copyOf(all), body, delay);
        }

        public Answer delayed(Duration d) {
            return new Answer(status, headers, body, d);
        }
    }

    private final HttpsServer http;
    private final Path certificatePem;
    private final SSLContext clientContext;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private TlsServer(Path dir) throws Exception {
        Path store = dir.resolve("tls-server.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost,O=Cell test",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        certificatePem = dir.resolve("tls-server.pem");
        Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getCertificate("server").getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        http = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", this::answer);
        http.start();
    }

    /** Starts a server whose certificate files go to {@code dir}. */
    public static TlsServer start(Path dir) {
        try {
            return new TlsServer(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test https server", e);
        }
    }

    /** {@code https://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "https://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Makes {@code path} answer {@code answer}; an unknown path answers 404. */
    public TlsServer answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** How many requests {@code path} got. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** The server's certificate as a PEM file. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** A TLS client context that trusts this server's certificate only. */
    public SSLContext clientContext() {
        return clientContext;
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Answer a = answers.getOrDefault(path, new Answer(404, Map.of(), new byte[0], Duration.ZERO));
        try {
            Thread.sleep(a.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, List.of(v)));
        try {
            ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            if (a.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(a.body());
                }
            }
        } catch (IOException e) {
            // the client gave up (a size limit or timeout under test)
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
