package dev.cell.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses and checks one standard claim value given as text (OIDC Core section 5.1), with bounded lengths. */
final class ClaimValues {
    static final int MAX_TEXT = 255;
    static final int MAX_URL = 2048;
    static final int MAX_ADDRESS_LINES = 1024;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern BIRTHDATE = Pattern.compile("[0-9]{4}(-[0-9]{2}-[0-9]{2})?");
    /** E.164 with an optional RFC 3966 extension, as OIDC Core section 5.1 recommends. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}(;ext=[0-9]{1,10})?");
    /** A BCP 47 language tag: language, then subtags (RFC 5646 section 2.1). */
    private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*");

    private ClaimValues() {}

    /** The value to store: a Boolean for the {@code _verified} claims, else the checked string. */
    static Object parse(String name, String text) {
        if (name.endsWith("_verified")) {
            return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw bad(name, "must be true or false");
            };
        }
        boolean lines = name.equals("address.formatted") || name.equals("address.street_address");
        int max = lines ? MAX_ADDRESS_LINES : isUrl(name) ? MAX_URL : MAX_TEXT;
        if (text.isBlank()) {
            throw bad(name, "must not be blank; clear the claim instead");
        }
        if (text.length() > max) {
            throw bad(name, "is longer than " + max + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && !(lines && c == '\n'))) {
            throw bad(name, "must not contain control characters" + (lines ? " other than line breaks" : ""));
        }
        check(name, text);
        return text;
    }

    private static void check(String name, String text) {
        switch (name) {
            case "email" -> require(EMAIL.matcher(text).matches() && text.length() <= 254, name, "must be an email address like ada@example.com");
            case "birthdate" -> require(birthdate(text), name, "must be YYYY or YYYY-MM-DD (0000-MM-DD when the year is withheld)");
            case "zoneinfo" -> require(ZoneId.getAvailableZoneIds().contains(text), name, "must be a time zone name like Europe/Paris");
            case "locale" -> require(LOCALE.matcher(text).matches() && !Locale.forLanguageTag(text).getLanguage().isEmpty(), name,
                    "must be a BCP 47 language tag like en-US");
            case "phone_number" -> require(PHONE.matcher(text).matches(), name, "must be in E.164 form like +14155552671");
            case "profile", "picture", "website" -> require(webUrl(text), name, "must be an absolute http or https URL");
            default -> { }
        }
    }

    private static boolean isUrl(String name) {
        return name.equals("profile") || name.equals("picture") || name.equals("website");
    }

    private static boolean birthdate(String text) {
        if (!BIRTHDATE.matcher(text).matches()) {
            return false;
        }
        try {
            return text.length() == 4 || LocalDate.parse(text) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean webUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return (("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean ok, String name, String rule) {
        if (!ok) {
            throw bad(name, rule);
        }
    }

    private static IllegalArgumentException bad(String name, String rule) {
        return new IllegalArgumentException("claim " + name + " " + rule);
    }
}
