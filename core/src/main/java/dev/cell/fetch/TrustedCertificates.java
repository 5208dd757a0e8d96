package dev.cell.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A TLS context for outbound fetches that trusts the JDK's certificate authorities and those of a PEM file (RFC 7468). */
public final class TrustedCertificates {
    private TrustedCertificates() {}

    /**
     * @param pem a file of PEM certificates to trust as well, or null for the JDK's alone
     * @return the context, or null (the JDK's default) without a file
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static SSLContext withExtra(Path pem) {
        if (pem == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (extra.isEmpty()) {
                throw new IllegalArgumentException(pem + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jdkAuthorities()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            for (Certificate c : extra) {
                store.setCertificateEntry("extra-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificates in " + pem + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
