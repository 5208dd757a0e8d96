package dev.cell.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Client Identifier URLs the server resolves (draft-ietf-oauth-client-id-metadata-document §7, §8.9): none, those of
 * any host, or those of listed domains (a domain covers itself and its subdomains).
 */
public record ClientIdMetadataPolicy(Mode mode, List<String> domains) {
    /** The {@code client-id-metadata.policy} values. */
    public enum Mode {
        OFF("off"), ANY("any"), LISTED("listed");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<Mode> of(String value) {
            for (Mode m : values()) {
                if (m.value.equals(value)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** The configuration names of the modes. */
    public static final List<String> NAMES = List.of("off", "any", "listed");

    public ClientIdMetadataPolicy {
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    /** True if documents from {@code host} (lower case) are resolved. */
    public boolean covers(String host) {
        return switch (mode) {
            case OFF -> false;
            case ANY -> true;
            case LISTED -> domains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
        };
    }
}
