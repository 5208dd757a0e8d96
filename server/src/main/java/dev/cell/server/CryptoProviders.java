package dev.cell.server;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the Amazon Corretto Crypto Provider (native AWS-LC) as the first JCA provider when it loads on this
 * platform, so RSA and ECDSA signing run several times faster; otherwise the JDK's providers stay.
 */
public final class CryptoProviders {
    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
    private static final String ACCP = "AmazonCorrettoCryptoProvider";

    private CryptoProviders() {}

    /** Returns the name of the provider that signs: AmazonCorrettoCryptoProvider, or the JDK's. */
    public static synchronized String install() {
        if (Security.getProviders()[0].getName().equals(ACCP)) {
            return ACCP;
        }
        if (!Boolean.getBoolean("cell.crypto.jdk-only")) {
            try {
                Throwable loadError = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
                if (loadError == null) {
                    AmazonCorrettoCryptoProvider.install();
                    LOG.info("crypto provider: {} (native AWS-LC) is active", ACCP);
                    return ACCP;
                }
                LOG.info("Amazon Corretto Crypto Provider did not load: {}", loadError.toString());
            } catch (LinkageError e) {
                LOG.info("Amazon Corretto Crypto Provider did not load: {}", e.toString());
            }
        }
        Provider jdk = Security.getProviders("Signature.SHA256withECDSA")[0];
        LOG.info("crypto provider: the JDK's ({})", jdk.getName());
        return jdk.getName();
    }
}
