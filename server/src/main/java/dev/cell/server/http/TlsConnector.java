package dev.cell.server.http;

import dev.cell.config.CellConfig;
import java.time.Duration;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener: TLS 1.3 (RFC 8446) and 1.2 (RFC 5246) with forward-secret AEAD cipher suites only (Mozilla's "intermediate"
 * list without finite-field DHE), HTTP/2 (RFC 9113) chosen by ALPN (RFC 7301), HTTP/1.1 for clients that do not offer h2, and
 * {@code Strict-Transport-Security} (RFC 6797) on every response.
 */
final class TlsConnector {
    /** Guards only the in-memory key store that hands the key to the TLS engine; the key is in this process's memory either way. */
    private static final String KEY_STORE_PASSWORD = "cell";
    private static final Duration HSTS_MAX_AGE = Duration.ofDays(365);
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

    private final CellConfig.Tls tls;
    private final PemCredentials credentials;
    private final SslContextFactory.Server factory = new SslContextFactory.Server();

    /** Reads the PEM files now, so that a bad file stops start-up with a message naming its setting. */
    TlsConnector(CellConfig.Tls tls) {
        this.tls = tls;
        this.credentials = PemCredentials.read(tls.certificate(), tls.privateKey());
        use(factory, credentials);
        factory.setIncludeProtocols(PROTOCOLS);
        factory.setIncludeCipherSuites(CIPHER_SUITES);
        factory.setCipherComparator(HTTP2Cipher.COMPARATOR);
        factory.setUseCipherSuitesOrder(true);
    }

    /** A connector on {@code jetty} serving h2 and HTTP/1.1 over TLS, whose certificate is re-read when its files change. */
    ServerConnector connector(Server jetty, HttpConfiguration http) {
        HttpConfiguration https = new HttpConfiguration(http);
        // no SNI host check: a client reaching the server by an address the certificate does not name fails its own check first;
        // HSTS (RFC 6797) for a year: a browser that has seen Cell over HTTPS never tries it over plain HTTP
        https.addCustomizer(new SecureRequestCustomizer(false, HSTS_MAX_AGE.toSeconds(), false));
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http1.getProtocol());
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(factory, alpn.getProtocol()), alpn, http2, http1);
        connector.addBean(new CertificateReloader(factory, tls, credentials));
        return connector;
    }

    /** Makes {@code factory} serve {@code credentials}. */
    static void use(SslContextFactory.Server factory, PemCredentials credentials) {
        factory.setKeyStore(credentials.keyStore(KEY_STORE_PASSWORD.toCharArray()));
        factory.setKeyStorePassword(KEY_STORE_PASSWORD);
        factory.setKeyManagerPassword(KEY_STORE_PASSWORD);
    }
}
