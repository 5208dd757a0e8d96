package dev.cell.server.http;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the TLS certificate and key files every {@code server.tls.reload-interval}; when they change and the new pair is sound,
 * new connections get it (open ones keep theirs). A broken or half-written pair is logged and the served one kept, so a renewal
 * that writes the two files one after the other is picked up once both are in place.
 */
final class CertificateReloader extends AbstractLifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final SslContextFactory.Server factory;
    private final CellConfig.Tls tls;
    private volatile PemCredentials served;
    private byte[][] rejected;
    private ScheduledExecutorService timer;

    CertificateReloader(SslContextFactory.Server factory, CellConfig.Tls tls, PemCredentials served) {
        this.factory = factory;
        this.tls = tls;
        this.served = served;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell-tls-reload");
            t.setDaemon(true);
            return t;
        });
        long millis = tls.reloadInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }

    /** One check: reload when either file differs from what is served. */
    void check() {
        try {
            byte[] certificate = PemCredentials.bytes(tls.certificate(), "server.tls.certificate");
            byte[] key = PemCredentials.bytes(tls.privateKey(), "server.tls.private-key");
            if (served.sameFiles(certificate, key) || (rejected != null && java.util.Arrays.equals(rejected[0], certificate)
                    && java.util.Arrays.equals(rejected[1], key))) {
                return;
            }
            PemCredentials fresh;
            try {
                fresh = PemCredentials.read(tls.certificate(), tls.privateKey());
            } catch (ConfigException e) {
                rejected = new byte[][] {certificate, key};
                LOG.warn("TLS certificate not reloaded, still serving the one valid until {}: {}", served.chain().get(0).getNotAfter().toInstant(),
                        e.getMessage());
                return;
            }
            factory.reload(f -> TlsConnector.use((SslContextFactory.Server) f, fresh));
            served = fresh;
            rejected = null;
            LOG.info("TLS certificate reloaded: {}, valid until {}", fresh.chain().get(0).getSubjectX500Principal().getName(),
                    fresh.chain().get(0).getNotAfter().toInstant());
        } catch (ConfigException e) {
            LOG.warn("TLS certificate not reloaded: {}", e.getMessage());
        } catch (Exception e) {
            LOG.warn("TLS certificate not reloaded", e);
        }
    }
}
