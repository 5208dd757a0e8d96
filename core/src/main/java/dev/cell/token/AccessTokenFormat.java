package dev.cell.token;

import java.util.Optional;

/** Access token formats: a JWT per RFC 9068, or an opaque reference kept in the database. */
public enum AccessTokenFormat {
    JWT("jwt"),
    OPAQUE("opaque");

    private final String value;

    AccessTokenFormat(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<AccessTokenFormat> of(String value) {
        for (AccessTokenFormat f : values()) {
            if (f.value.equals(value)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
