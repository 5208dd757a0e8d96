package dev.cell.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON text (RFC 8259) for list, set and map columns. Lists keep their order, sets and map keys are
 * written sorted so equal values give equal text; whole numbers read back as {@code Long}. Buffers come from a pool
 * shared by all threads ({@link dev.cell.token.Json#pooledFactory()}).
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(dev.cell.token.Json.pooledFactory())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private Json() {}

    static String ofList(List<String> values) {
        return write(values);
    }

    static String ofSet(Set<String> values) {
        return write(new TreeSet<>(values));
    }

    static String ofMap(Map<String, ?> values) {
        return write(values);
    }

    static List<String> toList(String json) {
        return read(json, STRING_LIST);
    }

    static Set<String> toSet(String json) {
        return Set.copyOf(read(json, STRING_LIST));
    }

    static Map<String, Object> toMap(String json) {
        return read(json, OBJECT_MAP);
    }

    static Map<String, String> toStringMap(String json) {
        return read(json, STRING_MAP);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
