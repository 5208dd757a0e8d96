package dev.cell.device;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * User codes (RFC 8628 §6.1): eight letters of a 20-consonant alphabet (no vowels, so no words; about 34.6 bits), shown as
 * {@code BCDF-GHJK} and entered with case, dashes, spaces and full-width forms forgiven.
 */
public final class UserCode {
    /** The base-20 alphabet of RFC 8628 §6.1: consonants only, without the easily confused ones. */
    public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    public static final int LENGTH = 8;
    /** The longest input looked at; a longer one is no user code. */
    public static final int MAX_INPUT = 64;

    private UserCode() {}

    /** A new code of {@link #LENGTH} letters, normalised (no dash). */
    public static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The normalised code a person typed: compatibility forms folded (NFKC, so full-width letters count), upper case,
     * everything but letters and digits ignored (RFC 8628 §6.1); empty when what is left is not {@link #LENGTH} letters of
     * the alphabet.
     */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > MAX_INPUT) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(input, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0 || code.length() == LENGTH) {
                return Optional.empty();
            }
            code.append(c);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** The normalised code as shown to people: two groups of four joined by a dash. */
    public static String format(String normalized) {
        return normalized.substring(0, LENGTH / 2) + "-" + normalized.substring(LENGTH / 2);
    }
}
