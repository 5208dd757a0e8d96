package dev.cell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code scopes.descriptions-file}: a YAML mapping from scope to its description on the consent page, in every
 * page language ({@code en} and {@code zh-CN}), so a page is never half in another language.
 */
final class ScopeDescriptionsFile {
    private static final int MAX_LENGTH = 200;

    private ScopeDescriptionsFile() {}

    static Map<String, CellConfig.ScopeDescription> read(Path file) {
        String where = "scopes.descriptions-file " + file;
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read it: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(where + ": expected a mapping from scope to {en: ..., zh-CN: ...}");
        }
        Map<String, CellConfig.ScopeDescription> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = where + ": " + e.getKey();
            JsonNode texts = e.getValue();
            if (!texts.isObject() || texts.size() != 2) {
                throw new ConfigException(at + ": give exactly the two fields en and zh-CN");
            }
            out.put(e.getKey(), new CellConfig.ScopeDescription(text(texts, "en", at), text(texts, "zh-CN", at)));
        }
        return out;
    }

    private static String text(JsonNode texts, String language, String at) {
        JsonNode v = texts.get(language);
        String s = v != null && v.isTextual() ? v.asText().strip() : "";
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            throw new ConfigException(at + ": " + language + " must be a text of 1 to " + MAX_LENGTH + " characters");
        }
        return s;
    }
}
