package dev.cell.grant;

import java.util.Set;

/**
 * One grant type at the token endpoint (RFC 6749 §4): it names its {@code grant_type} and parameters and decides what to
 * issue; the shared {@link TokenIssuer} makes the tokens. Handlers sit in the {@link GrantRegistry} keyed by grant_type.
 */
public interface GrantHandler {
    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** The request parameters this grant reads; the token endpoint passes it no others (RFC 6749 §3.2). */
    Set<String> parameters();

    /** Decides what to issue for a request from an authenticated client that is allowed this grant. */
    Issuance handle(TokenRequest request);
}
