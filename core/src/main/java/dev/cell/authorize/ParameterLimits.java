package dev.cell.authorize;

/**
 * The longest request values the authorization endpoint keeps and echoes (RFC 6749 §4.1.1 sets no length; the bound keeps
 * stored requests and the redirect back small).
 *
 * @param maxStateLength the longest {@code state}, in bytes of UTF-8
 * @param maxParameterLength the longest {@code nonce}, {@code login_hint} and {@code ui_locales}, in characters
 */
public record ParameterLimits(int maxStateLength, int maxParameterLength) {}
