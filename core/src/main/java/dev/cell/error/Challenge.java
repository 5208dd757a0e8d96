package dev.cell.error;

import java.util.List;

/**
 * One {@code WWW-Authenticate} challenge of a protected resource (RFC 6750 §3, RFC 9449 §7.1); the error responder adds
 * the realm and, when {@code withError}, the error code and description.
 *
 * @param scheme {@code Bearer} or {@code DPoP}
 * @param withError false when the request carried no token at all (RFC 6750 §3.1: then no error code)
 * @param algs the proof algorithms a {@code DPoP} challenge names, empty for {@code Bearer}
 */
public record Challenge(String scheme, boolean withError, List<String> algs) {
    public static final String BEARER = "Bearer";
    public static final String DPOP = "DPoP";

    public Challenge {
        algs = List.copyOf(algs);
    }

    /** A Bearer challenge that names the error. */
    public static Challenge bearer() {
        return new Challenge(BEARER, true, List.of());
    }

    /** A Bearer challenge to a request without credentials: the realm only. */
    public static Challenge bearerWithoutError() {
        return new Challenge(BEARER, false, List.of());
    }

    /** A DPoP challenge naming the error and the accepted proof algorithms (RFC 9449 §7.1). */
    public static Challenge dpop(List<String> algs, boolean withError) {
        return new Challenge(DPOP, withError, algs);
    }
}
