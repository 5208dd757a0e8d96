package dev.cell.authorize;

/**
 * The most authorization requests that may be open (waiting for login or consent) at once, so requests cannot grow the
 * database without bound (RFC 6749 §10 leaves resource limits to the server).
 *
 * @param perBrowser per browser binding
 * @param perClientAddress per client IP address
 * @param total in the whole deployment
 */
public record PendingLimits(int perBrowser, int perClientAddress, int total) {}
