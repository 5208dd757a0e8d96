package dev.cell.server.admin.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON object request body (RFC 8259), read strictly: a JSON media type, a bounded size, no duplicate or unknown members,
 * no trailing content, and typed getters that name the member at fault in their {@link Problem}.
 */
final class JsonInput {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode object;
    private final String prefix;

    private JsonInput(ObjectNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    /** The body as an object whose members are all in {@code allowed}. */
    static JsonInput read(Context ctx, int maxBytes, Set<String> allowed) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        String media = type.split(";", 2)[0].strip();
        if (!media.equals("application/json") && !media.equals("application/merge-patch+json")) {
            throw Problem.of(415, "the body must be application/json");
        }
        byte[] body = bounded(ctx, maxBytes);
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw Problem.invalid(null, "the body is not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Problem.invalid(null, "the body cannot be read");
        }
        if (!(node instanceof ObjectNode o)) {
            throw Problem.invalid(null, "the body must be a JSON object");
        }
        JsonInput in = new JsonInput(o, "");
        in.only(allowed);
        return in;
    }

    private static byte[] bounded(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw Problem.of(413, "the request body is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw Problem.of(413, "the request body is larger than " + maxBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw Problem.invalid(null, "the body cannot be read");
        }
    }

    /** Refuses the first member not in {@code allowed}. */
    void only(Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Problem.invalid(prefix + name, "unknown member '" + Limits.shown(prefix + name) + "'; allowed: "
                        + String.join(", ", allowed));
            }
        }
    }

    /** The object itself, for readers that apply its members elsewhere (client metadata, RFC 7591 §2). */
    ObjectNode json() {
        return object;
    }

    boolean has(String name) {
        return object.has(name);
    }

    /** The member's node, which may be a JSON null, or null when absent. */
    JsonNode node(String name) {
        return object.get(name);
    }

    String path(String name) {
        return prefix + name;
    }

    /** A required string of 1 to {@code max} characters without control characters. */
    String requiredString(String name, int max) {
        String s = string(name, max);
        if (s == null) {
            throw Problem.invalid(path(name), "'" + path(name) + "' is required");
        }
        return s;
    }

    /** A string of 1 to {@code max} characters without control characters, or null when absent. */
    String string(String name, int max) {
        JsonNode n = object.get(name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw Problem.invalid(path(name), "'" + path(name) + "' must be a string");
        }
        return Limits.text(path(name), n.textValue(), max);
    }

    /** An integer from {@code min} to {@code max}, or null when absent. */
    Integer integer(String name, int min, int max) {
        JsonNode n = object.get(name);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw Problem.invalid(path(name), "'" + path(name) + "' must be an integer from " + min + " to " + max);
        }
        return n.intValue();
    }

    /** A boolean, or null when absent. */
    Boolean bool(String name) {
        JsonNode n = object.get(name);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw Problem.invalid(path(name), "'" + path(name) + "' must be true or false");
        }
        return n.booleanValue();
    }

    /** An array of at most {@code maxItems} distinct strings of at most {@code max} characters, or null when absent. */
    Set<String> stringSet(String name, int maxItems, int max) {
        JsonNode n = object.get(name);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw Problem.invalid(path(name), "'" + path(name) + "' must be an array of strings");
        }
        if (n.size() > maxItems) {
            throw Problem.invalid(path(name), "'" + path(name) + "' has more than " + maxItems + " items");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw Problem.invalid(path(name), "'" + path(name) + "' must be an array of strings");
            }
            out.add(Limits.text(path(name), item.textValue(), max));
        }
        return out;
    }

    /** A nested object, read with the same rules, or null when absent. */
    JsonInput object(String name) {
        JsonNode n = object.get(name);
        if (n == null) {
            return null;
        }
        if (!(n instanceof ObjectNode o)) {
            throw Problem.invalid(path(name), "'" + path(name) + "' must be a JSON object");
        }
        return new JsonInput(o, prefix + name + ".");
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
