package dev.cell.authorize;

import java.util.List;
import java.util.Optional;

/** How the authorization response reaches the client (OAuth 2.0 Multiple Response Type Encoding Practices section 2.1; OAuth 2.0 Form Post Response Mode). */
public enum ResponseMode {
    QUERY("query"),
    FRAGMENT("fragment"),
    FORM_POST("form_post");

    /** Every value, as listed in {@code response_modes_supported}. */
    public static final List<String> NAMES = List.of(QUERY.value, FRAGMENT.value, FORM_POST.value);

    private final String value;

    ResponseMode(String value) {
        this.value = value;
    }

    /** The {@code response_mode} value exactly as on the wire. */
    public String value() {
        return value;
    }

    public static Optional<ResponseMode> of(String value) {
        for (ResponseMode m : values()) {
            if (m.value.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The default for a response type: fragment when it returns a token or ID token, else query (Multiple Response Types section 2.1, 3). */
    public static ResponseMode defaultFor(String responseType) {
        if (responseType != null) {
            for (String word : responseType.split(" ")) {
                if (word.equals("token") || word.equals("id_token")) {
                    return FRAGMENT;
                }
            }
        }
        return QUERY;
    }
}
