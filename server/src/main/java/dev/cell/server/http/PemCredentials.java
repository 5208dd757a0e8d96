package dev.cell.server.http;

import dev.cell.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key read from PEM files (RFC 7468): the chain as X.509 certificates, the key as unencrypted
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, RFC 7468 §10), checked to belong together before they are served.
 *
 * @param certificate the PEM text of the chain, as read
 * @param privateKey the PEM text of the key, as read
 */
public record PemCredentials(byte[] certificate, byte[] privateKey, List<X509Certificate> chain, PrivateKey key) {
    static final String ALIAS = "cell";
    private static final Pattern PKCS8 = Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----");

    /** Reads and checks both files; a problem is a {@link ConfigException} naming the key of the file at fault. */
    public static PemCredentials read(Path certificateFile, Path privateKeyFile) {
        byte[] certificate = bytes(certificateFile, "server.tls.certificate");
        byte[] privateKey = bytes(privateKeyFile, "server.tls.private-key");
        List<X509Certificate> chain = chain(certificate, certificateFile);
        PrivateKey key = key(new String(privateKey, StandardCharsets.US_ASCII), chain.get(0).getPublicKey(), privateKeyFile);
        requireMatch(key, chain.get(0).getPublicKey(), certificateFile, privateKeyFile);
        return new PemCredentials(certificate, privateKey, chain, key);
    }

    /** True when the files still hold what these credentials were read from. */
    boolean sameFiles(byte[] certificateNow, byte[] privateKeyNow) {
        return java.util.Arrays.equals(certificate, certificateNow) && java.util.Arrays.equals(privateKey, privateKeyNow);
    }

    /** An in-memory key store holding the key and chain under {@link #ALIAS}, protected by {@code password}. */
    KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the TLS key in a key store: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(setting + ": " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(setting + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> chain(byte[] pem, Path file) {
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new ConfigException("server.tls.certificate: " + file + " holds no certificate");
            }
            return chain;
        } catch (java.security.cert.CertificateException e) {
            throw new ConfigException("server.tls.certificate: " + file + " is not a PEM certificate chain: " + e.getMessage());
        }
    }

    private static PrivateKey key(String pem, PublicKey certified, Path file) {
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            Matcher other = OTHER_KEY.matcher(pem);
            throw new ConfigException("server.tls.private-key: " + file + (other.find()
                    ? " holds a '" + other.group(1) + "'; Cell reads an unencrypted PKCS#8 key (BEGIN PRIVATE KEY): convert it with "
                            + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem"
                    : " holds no PEM private key (BEGIN PRIVATE KEY)"));
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            return KeyFactory.getInstance(certified.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("server.tls.private-key: " + file + " does not hold a private key of the certificate's type ("
                    + certified.getAlgorithm() + "): " + e.getMessage());
        }
    }

    /** Signs a message with the key and verifies it with the certificate's public key: they are one key pair. */
    private static void requireMatch(PrivateKey key, PublicKey certified, Path certificateFile, Path keyFile) {
        String algorithm = switch (certified.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> certified.getAlgorithm();    // Ed25519, Ed448, EdDSA name their own signature
        };
        try {
            byte[] message = "Cell: does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(message);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key the certificate's algorithm cannot use: not its pair either
        }
        throw new ConfigException("server.tls.private-key: " + keyFile + " is not the private key of the certificate in " + certificateFile);
    }
}
