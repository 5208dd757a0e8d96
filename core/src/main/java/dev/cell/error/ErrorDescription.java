package dev.cell.error;

/** Keeps {@code error_description} inside the characters RFC 6749 §5.2 allows: %x20-21 / %x23-5B / %x5D-7E. */
public final class ErrorDescription {
    private ErrorDescription() {}

    /** The text with a section sign spelled out, quotes made single and every other character outside the set as '?'; null stays null. */
    public static String of(String text) {
        if (text == null || allowed(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u00a7') {
                out.append("section ");
                if (i + 1 < text.length() && text.charAt(i + 1) == ' ') {
                    i++;
                }
            } else if (c == '"') {
                out.append('\'');
            } else if (c == '\\') {
                out.append('/');
            } else {
                out.append(allowed(c) ? c : '?');
            }
        }
        return out.toString();
    }

    /** Whether every character of the text is one RFC 6749 §5.2 allows in {@code error_description}. */
    public static boolean allowed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!allowed(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    }
}
