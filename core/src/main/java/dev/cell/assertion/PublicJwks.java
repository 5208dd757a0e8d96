package dev.cell.assertion;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * JWK sets of public signature keys (RFC 7517 §5) that can verify assertions: RSA of 2048 bits or more, EC P-256 and
 * OKP Ed25519, and the {@code jwks_uri} they may be fetched from (RFC 7591 §2).
 */
public final class PublicJwks {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private PublicJwks() {}

    /**
     * Parses and checks a JWK set an administrator registers; throws {@link IllegalArgumentException} saying what is wrong.
     *
     * @return the set as JSON with public members only, to store
     */
    public static String parse(String json) {
        JWKSet set = read(json);
        if (set.getKeys().isEmpty()) {
            throw new IllegalArgumentException("the JWK set has no keys");
        }
        for (JWK k : set.getKeys()) {
            String name = k.getKeyID() == null ? "#" + (set.getKeys().indexOf(k) + 1) : "'" + k.getKeyID() + "'";
            if (k.isPrivate()) {
                throw new IllegalArgumentException("key " + name + " contains private key material; register only the public keys");
            }
            if (!usable(k)) {
                throw new IllegalArgumentException("key " + name + " is not a signature key of a supported kind "
                        + "(RSA of 2048 bits or more, EC P-256, or OKP Ed25519)");
            }
        }
        return set.toString(true);
    }

    /** The usable public keys of a set read from a {@code jwks_uri}; keys of other kinds are skipped (RFC 7517 §5). */
    public static List<JWK> usableKeys(String json) {
        return read(json).getKeys().stream().filter(PublicJwks::usable).map(JWK::toPublicJWK).toList();
    }

    /** Checks a {@code jwks_uri}: an absolute https URL, or http on a loopback host (for tests and local setups). */
    public static String checkUri(String uri) {
        try {
            URI u = new URI(uri);
            boolean https = "https".equals(u.getScheme());
            boolean loopbackHttp = "http".equals(u.getScheme()) && LOOPBACK.contains(u.getHost());
            if (u.getHost() == null || !(https || loopbackHttp) || u.getRawFragment() != null) {
                throw new IllegalArgumentException("jwks_uri '" + uri + "' must be an absolute https URL without a fragment "
                        + "(plain http only for localhost)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("jwks_uri '" + uri + "' is not a valid URI");
        }
    }

    private static JWKSet read(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not a JWK set (RFC 7517 section 5): " + e.getMessage());
        }
    }

    private static boolean usable(JWK k) {
        if (k.getKeyUse() != null && !KeyUse.SIGNATURE.equals(k.getKeyUse())) {
            return false;
        }
        return switch (k) {
            case RSAKey rsa -> rsa.size() >= 2048;
            case ECKey ec -> Curve.P_256.equals(ec.getCurve());
            case OctetKeyPair okp -> Curve.Ed25519.equals(okp.getCurve());
            default -> false;
        };
    }
}
