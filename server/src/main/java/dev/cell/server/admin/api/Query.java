package dev.cell.server.admin.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of a list request: only the documented ones, each at most once, with {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and {@code cursor} for paging.
 */
final class Query {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_VALUE = 512;

    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The query of {@code ctx}, refusing parameters outside {@code allowed} and {@code limit}, {@code cursor}. */
    static Query of(Context ctx, Set<String> allowed) {
        Map<String, List<String>> params = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey();
            if (!allowed.contains(name) && !name.equals("limit") && !name.equals("cursor")) {
                throw Problem.invalid(Limits.shown(name), "unknown query parameter '" + Limits.shown(name) + "'");
            }
            if (p.getValue().size() > 1) {
                throw Problem.invalid(name, "query parameter '" + name + "' is given more than once");
            }
        }
        return new Query(params);
    }

    /** The parameter, or null when absent. */
    String string(String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        return Limits.text(name, v.get(0), MAX_VALUE);
    }

    int limit() {
        String v = string("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problem.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    String cursor() {
        return string("cursor");
    }

    Boolean bool(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.invalid(name, name + " must be true or false");
        };
    }

    /** An RFC 3339 date-time with an offset, e.g. {@code 2026-12-05T10:00:00Z}, or null when absent. */
    Instant time(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name, name + " must be an RFC 3339 date-time such as 2026-12-05T10:00:00Z");
        }
    }
}
