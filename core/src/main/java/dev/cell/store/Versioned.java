package dev.cell.store;

/**
 * A stored value with the version every change to it moves: the admin API's entity tag (RFC 9110 §8.8.3) and the
 * condition of an atomic conditional update.
 */
public record Versioned<T>(T value, long version) {}
