package dev.cell.server.http;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed test certificates for localhost, made by the JDK's keytool, written as the PEM files an operator would have. */
final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A certificate and its key. */
    record Pair(X509Certificate certificate, PrivateKey key) {
        String certificatePem() throws Exception {
            return pem("CERTIFICATE", certificate.getEncoded());
        }

        String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());    // PKCS#8
        }

        /** Writes the certificate and key PEM files. */
        void writeTo(Path certificateFile, Path keyFile) throws Exception {
            Files.writeString(certificateFile, certificatePem());
            Files.writeString(keyFile, keyPem());
        }
    }

    private TestCertificates() {}

    /** A new self-signed certificate for localhost and 127.0.0.1; {@code algorithm} is EC (P-256), RSA (2048 bits) or Ed25519. */
    static Pair generate(Path dir, String name, String algorithm) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Files.deleteIfExists(store);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", algorithm, "-dname", "CN=" + name + ",O=Cell test",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        command.addAll(switch (algorithm) {
            case "EC" -> List.of("-groupname", "secp256r1");
            case "RSA" -> List.of("-keysize", "2048");
            default -> List.of();
        });
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return new Pair((X509Certificate) keys.getCertificate(name), (PrivateKey) keys.getKey(name, PASSWORD));
    }

    /** A TLS client context that trusts exactly {@code trusted}. */
    static SSLContext trusting(Pair... trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("trusted-" + i, trusted[i].certificate());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
