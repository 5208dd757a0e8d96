package dev.cell.token;

/** The kinds of token kept in the database: opaque access tokens and refresh tokens (RFC 6749 §1.4, §1.5). */
public enum TokenKind {
    ACCESS("access"),
    REFRESH("refresh");

    private final String value;

    TokenKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static TokenKind of(String value) {
        for (TokenKind k : values()) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown token kind: " + value);
    }
}
