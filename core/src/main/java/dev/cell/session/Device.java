package dev.cell.session;

import java.util.List;
import java.util.Map;

/**
 * A person-readable name for the browser and system a session signed in from, read from its {@code User-Agent} (RFC 9110
 * §10.1.5), so a user can tell their sessions apart. A guess from product tokens, never used for any decision.
 *
 * @param browser e.g. {@code Firefox}, or null when unknown
 * @param system e.g. {@code Android}, or null when unknown
 */
public record Device(String browser, String system) {
    /** Product tokens in the order that tells browsers apart: Edge and Opera also say Chrome, Chrome also says Safari. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg", "Edge"), Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"), Map.entry("FxiOS/", "Firefox"),
            Map.entry("Chrome/", "Chrome"), Map.entry("CriOS/", "Chrome"), Map.entry("Safari/", "Safari"), Map.entry("curl/", "curl"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"), Map.entry("Windows", "Windows"),
            Map.entry("CrOS", "ChromeOS"), Map.entry("Mac OS X", "macOS"), Map.entry("Macintosh", "macOS"), Map.entry("Linux", "Linux"));

    /** The device a {@code User-Agent} value names; both parts null for null or unknown values. */
    public static Device of(String userAgent) {
        if (userAgent == null) {
            return new Device(null, null);
        }
        return new Device(first(BROWSERS, userAgent), first(SYSTEMS, userAgent));
    }

    /** E.g. {@code Firefox on Linux}; {@code unknown device} when nothing is known. */
    public String describe() {
        if (browser == null && system == null) {
            return "unknown device";
        }
        if (system == null) {
            return browser;
        }
        return browser == null ? system : browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> tokens, String userAgent) {
        return tokens.stream().filter(e -> userAgent.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
