package dev.cell.bench;

/**
 * Reads one top-level string member from a token endpoint's JSON answer. Enough for the values Cell issues (tokens and
 * codes never contain quotes or escapes); the load generator stays free of dependencies.
 */
final class JsonField {
    private JsonField() {}

    /** The value of "name":"value" in the JSON text, or null when absent. */
    static String string(String json, String name) {
        String key = "\"" + name + "\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int i = at + key.length();
        while (i < json.length() && (json.charAt(i) == ' ' || json.charAt(i) == ':')) {
            i++;
        }
        if (i >= json.length() || json.charAt(i) != '"') {
            return null;
        }
        int end = json.indexOf('"', i + 1);
        return end < 0 ? null : json.substring(i + 1, end);
    }
}
