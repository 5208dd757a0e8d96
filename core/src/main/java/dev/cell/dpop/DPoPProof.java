package dev.cell.dpop;

import java.util.Map;

/**
 * A DPoP proof that passed every check of RFC 9449 §4.3: what remains of it is the thumbprint of its public key
 * (RFC 7638), to which the tokens issued for it are bound.
 */
public record DPoPProof(String jkt) {
    /** The {@code cnf} claim binding a token to this proof's key (RFC 9449 §6.1). */
    public Map<String, Object> cnf() {
        return Map.of(DPoPBinding.JKT, jkt);
    }
}
