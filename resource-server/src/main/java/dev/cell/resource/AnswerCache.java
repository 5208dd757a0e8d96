package dev.cell.resource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small map of introspection answers, each kept until its own expiry; least recently used entries go first past the bound. */
final class AnswerCache<V> {
    private record Answer<V>(V value, Instant expiresAt) {}

    private final Map<String, Answer<V>> entries;

    AnswerCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized V get(String key, Instant now) {
        Answer<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.expiresAt())) {
            entries.remove(key);
            return null;
        }
        return e.value();
    }

    synchronized void put(String key, V value, Instant expiresAt) {
        entries.put(key, new Answer<>(value, expiresAt));
    }
}
