package dev.cell.config;

/** A configuration key is unknown or its value is bad; the message names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
