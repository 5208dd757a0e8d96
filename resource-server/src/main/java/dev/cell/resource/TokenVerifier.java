package dev.cell.resource;

/** Checks one access token and says whom it speaks for; every refusal is a {@link TokenException}. */
interface TokenVerifier {
    TokenPrincipal verify(String token);
}
