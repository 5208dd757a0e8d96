package dev.cell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML file, then {@code CELL_*} environment overrides, then command-line overrides;
 * any unknown key or bad value stops with a message naming it.
 */
public final class ConfigLoader {
    /** Environment variables starting with CELL_ that are not configuration keys (the last four: the CLI's remote mode, docs/cli.md). */
    private static final Set<String> NON_CONFIG_ENV = Set.of("CELL_CONFIG", "CELL_HOME", "CELL_JAVA_OPTS", "CELL_STARTUP_CACHE", "CELL_TEST_DB_URL",
            "CELL_SERVER", "CELL_TOKEN", "CELL_CLIENT_ID", "CELL_CLIENT_SECRET");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * @param file the YAML file, or null for none
     * @param env the process environment
     * @param overrides dotted keys set on the command line, applied last
     */
    public CellConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            values.putAll(readYaml(file));
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("CELL_") || NON_CONFIG_ENV.contains(name) || name.startsWith("CELL_TEST_")) {
                continue;
            }
            ConfigKey key = ConfigKeys.byEnv(name).orElseThrow(() -> new ConfigException(
                    "unknown environment variable " + name + ": no configuration key has this name (see docs/configuration.md)"));
            values.put(key.path(), e.getValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            ConfigKeys.byPath(e.getKey()).orElseThrow(() -> new ConfigException("unknown configuration key: " + e.getKey()));
            values.put(e.getKey(), e.getValue());
        }
        return ConfigBinder.bind(new Settings(values));
    }

    private Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration file " + file + " is not valid YAML: "
                    + e.getOriginalMessage() + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException("configuration file " + file + " must be a YAML mapping of keys to values");
        }
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode value = f.getValue();
            ConfigKey key = ConfigKeys.byPath(path).orElse(null);
            if (key == null) {
                if (value.isObject() && ConfigKeys.ALL.stream().anyMatch(k -> k.path().startsWith(path + "."))) {
                    flatten(path, value, out);
                    continue;
                }
                throw new ConfigException("unknown configuration key: " + path + " (see docs/configuration.md)");
            }
            if (value.isNull()) {
                continue;
            }
            if (value.isArray() && key.type() == ConfigKey.Type.LIST) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asText()));
                out.put(path, String.join(",", items));
            } else if (value.isBoolean() && key.type() == ConfigKey.Type.ENUM && key.allowed().contains(value.booleanValue() ? "on" : "off")) {
                out.put(path, value.booleanValue() ? "on" : "off");       // YAML 1.1 reads a plain off (or on) as a boolean
            } else if (value.isValueNode()) {
                out.put(path, value.asText());
            } else {
                throw new ConfigException(path + ": expected a single value, not a " + (value.isArray() ? "list" : "mapping"));
            }
        }
    }
}
