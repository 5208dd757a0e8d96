package dev.cell.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cell.assertion.PublicJwks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the JWT bearer grant's trust file (RFC 7523 §2.1, §3 item 1): a YAML list of issuers, each with its keys, the
 * subjects it may assert and the scopes it may obtain. Every mistake stops start-up with a message naming the entry and field.
 */
final class JwtBearerTrustFile {
    private static final List<String> FIELDS = List.of("issuer", "jwks", "jwks-uri", "subjects", "scopes", "local-users");
    private static final int MAX_ISSUER_LENGTH = 255;

    private final ObjectMapper mapper = new ObjectMapper();
    private final String where;

    private JwtBearerTrustFile(Path file) {
        this.where = "jwt-bearer.trust-file " + file;
    }

    static List<CellConfig.TrustedIssuer> read(Path file) {
        return new JwtBearerTrustFile(file).parse(file);
    }

    private List<CellConfig.TrustedIssuer> parse(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": not valid YAML: " + e.getOriginalMessage()
                    + " at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read it: " + e.getMessage());
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.path("issuers").isArray() || root.get("issuers").isEmpty()) {
            throw new ConfigException(where + ": expected a mapping with one key, 'issuers', listing at least one trusted issuer");
        }
        List<CellConfig.TrustedIssuer> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (JsonNode entry : root.get("issuers")) {
            CellConfig.TrustedIssuer trust = entry(entry, "issuers entry " + ++n);
            if (!seen.add(trust.issuer())) {
                throw new ConfigException(where + ": issuer '" + trust.issuer() + "' is listed twice");
            }
            out.add(trust);
        }
        return out;
    }

    private CellConfig.TrustedIssuer entry(JsonNode e, String at) {
        if (!e.isObject()) {
            throw fail(at, "must be a mapping with the fields " + FIELDS);
        }
        for (Iterator<String> names = e.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw fail(at, "unknown field '" + name + "' (known: " + FIELDS + ")");
            }
        }
        String issuer = e.path("issuer").isTextual() ? e.get("issuer").asText().strip() : "";
        if (issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH) {
            throw fail(at, "issuer must be a non-empty string of at most " + MAX_ISSUER_LENGTH + " characters (the assertions' iss)");
        }
        at = at + " (" + issuer + ")";
        if (e.has("jwks") == e.has("jwks-uri")) {
            throw fail(at, "give exactly one of jwks (the issuer's JWK set) and jwks-uri (where it publishes it)");
        }
        String jwks = e.has("jwks") ? jwks(e.get("jwks"), at) : null;
        String jwksUri = null;
        if (e.has("jwks-uri")) {
            try {
                jwksUri = PublicJwks.checkUri(e.get("jwks-uri").asText());
            } catch (IllegalArgumentException ex) {
                throw fail(at, ex.getMessage());
            }
        }
        Set<String> subjects = strings(e.get("subjects"), at, "subjects");
        if (subjects.isEmpty()) {
            throw fail(at, "subjects must list the sub values it may assert, or \"*\" for any");
        }
        Set<String> scopes = strings(e.get("scopes"), at, "scopes");
        JsonNode localUsers = e.path("local-users");
        if (!localUsers.isMissingNode() && !localUsers.isBoolean()) {
            throw fail(at, "local-users must be true or false");
        }
        return new CellConfig.TrustedIssuer(issuer, jwks, jwksUri, subjects, scopes, localUsers.asBoolean(false));
    }

    /** The JWK set, written in the file as a mapping or as a JSON string. */
    private String jwks(JsonNode node, String at) {
        try {
            return PublicJwks.parse(node.isTextual() ? node.asText() : mapper.writeValueAsString(node));
        } catch (IllegalArgumentException | JsonProcessingException ex) {
            throw fail(at, "jwks: " + ex.getMessage());
        }
    }

    /** A list of strings without spaces (scope tokens, RFC 6749 §3.3; subjects). */
    private Set<String> strings(JsonNode node, String at, String field) {
        if (node == null || !node.isArray()) {
            throw fail(at, field + " must be a list (it may be empty only for scopes)");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : node) {
            String s = v.isValueNode() ? v.asText() : "";
            if (s.isEmpty() || s.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
                throw fail(at, field + ": '" + v + "' is not a single value without spaces");
            }
            out.add(s);
        }
        return out;
    }

    private ConfigException fail(String at, String message) {
        return new ConfigException(where + ": " + at + ": " + message);
    }
}
