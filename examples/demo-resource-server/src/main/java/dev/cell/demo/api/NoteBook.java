package dev.cell.demo.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each user's notes, in memory: the demo's data, bounded so that no caller can fill the heap. */
final class NoteBook {
    static final int MAX_NOTES = 100;
    static final int MAX_LENGTH = 500;

    private final Map<String, List<String>> notes = new ConcurrentHashMap<>();

    List<String> of(String subject) {
        List<String> mine = notes.get(subject);
        if (mine == null) {
            return List.of();
        }
        synchronized (mine) {
            return List.copyOf(mine);
        }
    }

    /** Adds a note; false when the user already has {@link #MAX_NOTES}. */
    boolean add(String subject, String text) {
        List<String> mine = notes.computeIfAbsent(subject, s -> new ArrayList<>());
        synchronized (mine) {
            if (mine.size() >= MAX_NOTES) {
                return false;
            }
            mine.add(text);
            return true;
        }
    }
}
