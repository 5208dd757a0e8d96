package dev.cell.server;

import java.util.List;
import java.util.Random;

/** Seeded mutations of a JSON text for the fuzz tests of the JSON endpoints (RFC 8259 bodies, broken on purpose). */
public final class JsonMutations {
    private JsonMutations() {
    }

    /** One to four edits: a character deleted, inserted or replaced from {@code junk}, or a member name inserted. */
    public static String mutate(String text, Random random, String junk, List<String> members) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, junk.charAt(random.nextInt(junk.length())));
                case 2 -> s.setCharAt(at, junk.charAt(random.nextInt(junk.length())));
                default -> s.insert(at, "\"" + members.get(random.nextInt(members.size())) + "\":");
            }
        }
        return s.toString();
    }
}
