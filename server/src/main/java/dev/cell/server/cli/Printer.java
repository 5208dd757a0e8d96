package dev.cell.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.token.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** What commands print: JSON documents for {@code -o json}, and the fields of one resource as {@code name: value} lines. */
final class Printer {
    private Printer() {}

    /** One JSON document (an object, or an array for a list), indented. */
    static void json(Object value) {
        try {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code name: value} lines with the values aligned; nested objects are flattened to dotted names. */
    static void fields(JsonNode resource) {
        List<String[]> lines = new ArrayList<>();
        flatten("", resource, lines);
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 1;
        for (String[] l : lines) {
            System.out.println(String.format("%-" + width + "s ", l[0] + ":") + l[1]);
        }
    }

    private static void flatten(String prefix, JsonNode node, List<String[]> lines) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isObject() && !f.getValue().isEmpty()) {
                flatten(prefix + f.getKey() + ".", f.getValue(), lines);
            } else if (!f.getValue().isObject()) {
                lines.add(new String[] {prefix + f.getKey(), text(f.getValue())});
            }
        }
    }

    /** A value as a table cell: text as is, an array as its items joined by spaces, null as empty. */
    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(text(i)));
            return String.join(" ", items);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
