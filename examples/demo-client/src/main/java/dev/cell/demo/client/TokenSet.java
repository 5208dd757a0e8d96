package dev.cell.demo.client;

import java.time.Instant;

/**
 * The tokens the app holds for a signed-in user (RFC 6749 §5.1).
 *
 * @param refreshes how many times the access token was refreshed (RFC 6749 §6), shown on the page
 */
record TokenSet(String accessToken, String refreshToken, Instant expiresAt, int refreshes) {}
