package dev.cell.server.admin.api;

import dev.cell.store.Versioned;
import io.javalin.http.Context;

/** Entity tags of versioned resources (RFC 9110 §8.8.3) and the {@code If-Match} precondition on changes (§13.1.1). */
final class Etags {
    private Etags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    static void set(Context ctx, Versioned<?> v) {
        ctx.header("ETag", of(v.version()));
    }

    /**
     * The version {@code If-Match} names for a resource now at {@code current}: 428 without the header (RFC 6585 §3), 412
     * when it matches no current tag (strong comparison; {@code *} matches any current version).
     */
    static long required(Context ctx, long current) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw Problem.of(428, "changes need If-Match with the ETag of the resource as last read (RFC 6585 section 3)");
        }
        String tag = of(current);
        for (String t : ifMatch.split(",")) {
            String one = t.strip();
            if (one.equals("*") || one.equals(tag)) {
                return current;
            }
        }
        throw Problem.of(412, "the resource changed since it was read (its ETag is now " + tag + "); read it again");
    }
}
