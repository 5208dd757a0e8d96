package dev.cell.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a fetched document stays fresh (RFC 9111 §4.2.1): {@code Cache-Control: max-age} less {@code Age}, else
 * {@code Expires} less {@code Date}; {@code no-store} and {@code no-cache} mean none; the result held within the operator's
 * bounds (draft-ietf-oauth-client-id-metadata-document §5.2).
 */
final class CacheLifetime {
    private CacheLifetime() {}

    /** The lifetime the header fields give, held between {@code min} and {@code max}; {@code min} when they give none. */
    static Duration of(String cacheControl, String expires, String date, String age, Instant now, Duration min, Duration max) {
        Duration given = given(cacheControl, expires, date, now);
        if (given == null) {
            return min;
        }
        given = given.minus(Duration.ofSeconds(seconds(age, 0)));
        return given.compareTo(min) < 0 ? min : given.compareTo(max) > 0 ? max : given;
    }

    private static Duration given(String cacheControl, String expires, String date, Instant now) {
        if (cacheControl != null) {
            for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
                String d = directive.strip();
                if (d.equals("no-store") || d.equals("no-cache")) {
                    return Duration.ZERO;
                }
            }
            for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
                String d = directive.strip();
                if (d.startsWith("max-age=")) {
                    long s = seconds(d.substring("max-age=".length()).replace("\"", ""), -1);
                    return s < 0 ? Duration.ZERO : Duration.ofSeconds(s);
                }
            }
        }
        if (expires != null) {
            Instant at = httpDate(expires);
            if (at == null) {
                return Duration.ZERO;
            }
            Instant base = date == null || httpDate(date) == null ? now : httpDate(date);
            return at.isAfter(base) ? Duration.between(base, at) : Duration.ZERO;
        }
        return null;
    }

    private static long seconds(String value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            long s = Long.parseLong(value.strip());
            return s < 0 ? otherwise : Math.min(s, Duration.ofDays(3650).toSeconds());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
