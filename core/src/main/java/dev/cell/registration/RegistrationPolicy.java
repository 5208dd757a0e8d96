package dev.cell.registration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who may register a client at the registration endpoint (RFC 7591 section 3): nobody, holders of an initial access token, or anyone. */
public enum RegistrationPolicy {
    OFF("off"),
    INITIAL_ACCESS_TOKEN("initial-access-token"),
    OPEN("open");

    public static final List<String> NAMES = Arrays.stream(values()).map(RegistrationPolicy::value).toList();

    private final String value;

    RegistrationPolicy(String value) {
        this.value = value;
    }

    /** The value of {@code registration.policy}. */
    public String value() {
        return value;
    }

    public static Optional<RegistrationPolicy> of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }
}
