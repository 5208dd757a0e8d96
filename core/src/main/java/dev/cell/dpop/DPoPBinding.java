package dev.cell.dpop;

import java.util.HashMap;
import java.util.Map;

/** The {@code cnf} claim with its {@code jkt} member (RFC 9449 §6.1, RFC 7800 §3.1) in a token's claims. */
public final class DPoPBinding {
    public static final String CNF = "cnf";
    public static final String JKT = "jkt";

    private DPoPBinding() {}

    /** The key thumbprint the claims bind their token to, or null for a bearer token. */
    public static String jkt(Map<String, Object> claims) {
        return claims.get(CNF) instanceof Map<?, ?> cnf && cnf.get(JKT) instanceof String jkt ? jkt : null;
    }

    /** The claims without any binding, and bound to {@code proof}'s key when one is given. */
    public static Map<String, Object> bind(Map<String, Object> claims, DPoPProof proof) {
        if (proof == null && !claims.containsKey(CNF)) {
            return claims;
        }
        Map<String, Object> out = new HashMap<>(claims);
        out.remove(CNF);
        if (proof != null) {
            out.put(CNF, proof.cnf());
        }
        return out;
    }
}
