package dev.cell.server.admin.api;

/** Bounds on values the admin API accepts, checked before anything is stored. */
final class Limits {
    /** Shown length of a value quoted back in a problem's detail. */
    private static final int SHOWN = 64;

    private Limits() {}

    /** {@code value} if it has 1 to {@code max} characters and no control characters; else a problem naming {@code member}. */
    static String text(String member, String value, int max) {
        if (value.isEmpty()) {
            throw Problem.invalid(member, "'" + member + "' must not be empty");
        }
        if (value.length() > max) {
            throw Problem.invalid(member, "'" + member + "' is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw Problem.invalid(member, "'" + member + "' must not contain control characters");
        }
        return value;
    }

    /** A value chosen by the caller, cut short and stripped of control characters, to quote in a detail. */
    static String shown(String value) {
        String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value;
        return cut.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
