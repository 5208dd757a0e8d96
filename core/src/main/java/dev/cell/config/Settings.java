package dev.cell.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Raw string values by key path, read with typed getters that apply defaults and name the key on error. */
final class Settings {
    private final Map<String, String> values;

    Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** True if the file, the environment or the command line gave the key a value. */
    boolean isSet(String path) {
        return values.containsKey(path);
    }

    String string(String path) {
        ConfigKey key = ConfigKeys.byPath(path).orElseThrow();
        String v = values.get(path);
        return v != null ? v : key.defaultValue();
    }

    int integer(String path, int min, int max) {
        String v = string(path);
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ConfigException(path + ": " + n + " is out of range (" + min + " to " + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(path + ": '" + v + "' is not a whole number");
        }
    }

    boolean bool(String path) {
        String v = string(path).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(path + ": '" + v + "' is not true or false");
        };
    }

    Duration duration(String path) {
        try {
            Duration d = Durations.parse(string(path));
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(path + ": must be longer than zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ": " + e.getMessage());
        }
    }

    String oneOf(String path) {
        ConfigKey key = ConfigKeys.byPath(path).orElseThrow();
        String v = string(path).trim();
        if (!key.allowed().contains(v)) {
            throw new ConfigException(path + ": '" + v + "' is not one of " + key.allowed());
        }
        return v;
    }

    List<String> list(String path) {
        String v = string(path);
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    URI url(String path) {
        String v = string(path).trim();
        try {
            URI uri = new URI(v);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigException(path + ": '" + v + "' is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(path + ": '" + v + "' is not a URL");
        }
    }

    String optional(String path) {
        String v = string(path);
        return v == null || v.isBlank() ? null : v;
    }
}
