package dev.cell.config;

import dev.cell.client.ClientIdMetadataPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Binds the {@code client-id-metadata.*} keys (draft-ietf-oauth-client-id-metadata-document), with their bounds. */
final class ClientIdMetadataConfig {
    private static final Duration MAX_FETCH_TIMEOUT = Duration.ofSeconds(30);

    private ClientIdMetadataConfig() {}

    static CellConfig.ClientIdMetadata bind(Settings s, CellConfig.Features features) {
        ClientIdMetadataPolicy.Mode mode = ClientIdMetadataPolicy.Mode.of(s.oneOf("client-id-metadata.policy")).orElseThrow();
        if (mode != ClientIdMetadataPolicy.Mode.OFF && !features.authorizationCode()) {
            throw new ConfigException("client-id-metadata.policy: clients known by their metadata documents use the authorization code "
                    + "grant only; also set features.authorization-code.enabled to true");
        }
        List<String> domains = s.list("client-id-metadata.domains").stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        for (String d : domains) {
            if (d.startsWith(".") || d.endsWith(".") || d.contains("/") || d.contains(":") || d.contains("*") || d.contains("@")) {
                throw new ConfigException("client-id-metadata.domains: '" + d + "' is not a domain name such as example.com");
            }
        }
        if (mode == ClientIdMetadataPolicy.Mode.LISTED && domains.isEmpty()) {
            throw new ConfigException("client-id-metadata.domains: the listed policy needs at least one domain");
        }
        String certificates = s.optional("client-id-metadata.trusted-certificates");
        if (certificates != null && !Files.isReadable(Path.of(certificates))) {
            throw new ConfigException("client-id-metadata.trusted-certificates: cannot read " + certificates);
        }
        Duration timeout = s.duration("client-id-metadata.fetch-timeout");
        if (timeout.compareTo(MAX_FETCH_TIMEOUT) > 0) {
            throw new ConfigException("client-id-metadata.fetch-timeout: at most " + Durations.format(MAX_FETCH_TIMEOUT));
        }
        Duration min = s.duration("client-id-metadata.min-cache-lifetime");
        Duration max = s.duration("client-id-metadata.max-cache-lifetime");
        if (min.compareTo(max) > 0) {
            throw new ConfigException("client-id-metadata.min-cache-lifetime: " + Durations.format(min)
                    + " is longer than client-id-metadata.max-cache-lifetime " + Durations.format(max));
        }
        return new CellConfig.ClientIdMetadata(new ClientIdMetadataPolicy(mode, domains),
                s.list("client-id-metadata.allowed-addresses").stream().map(c -> Cidr.parse("client-id-metadata.allowed-addresses", c)).toList(),
                certificates == null ? null : Path.of(certificates), timeout, s.integer("client-id-metadata.max-bytes", 1024, 65536), min, max,
                s.duration("client-id-metadata.failure-cache-lifetime"), Set.copyOf(s.list("client-id-metadata.scopes")),
                resources(s, "client-id-metadata.resources"));
    }

    /** A list of resource indicators: absolute URIs without a fragment (RFC 8707 §2). */
    static List<String> resources(Settings s, String path) {
        List<String> resources = s.list(path);
        for (String r : resources) {
            try {
                URI u = new URI(r);
                if (!u.isAbsolute() || u.getRawFragment() != null) {
                    throw new ConfigException(path + ": '" + r + "' is not an absolute URI without a fragment (RFC 8707 section 2)");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(path + ": '" + r + "' is not a URI");
            }
        }
        return resources;
    }
}
