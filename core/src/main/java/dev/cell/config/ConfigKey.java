package dev.cell.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its dotted YAML path, type, default and meaning.
 *
 * @param defaultValue the default as written in YAML, or null when the key has no default
 * @param allowed the accepted values of an {@link Type#ENUM} key
 */
public record ConfigKey(String path, Type type, String defaultValue, List<String> allowed, String description) {

    /** The kinds of value a key takes. */
    public enum Type { STRING, SECRET, INT, BOOLEAN, DURATION, URL, ENUM, LIST }

    /** The environment variable that overrides this key: {@code tokens.access-token-lifetime} is {@code CELL_TOKENS_ACCESS_TOKEN_LIFETIME}. */
    public String envName() {
        return "CELL_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
