package dev.cell.client;

import java.util.Optional;

/** The kind of application (OpenID Connect Dynamic Client Registration 1.0 §2 {@code application_type}); web by default. */
public enum ApplicationType {
    WEB("web"),
    NATIVE("native");

    private final String value;

    ApplicationType(String value) {
        this.value = value;
    }

    /** The value as written in client metadata. */
    public String value() {
        return value;
    }

    public static Optional<ApplicationType> of(String value) {
        for (ApplicationType t : values()) {
            if (t.value.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
