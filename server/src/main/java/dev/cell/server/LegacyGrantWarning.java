package dev.cell.server;

import dev.cell.client.Client;
import dev.cell.config.CellConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Names at start-up the clients allowed the grants OAuth 2.1 removes (password, implicit; RFC 9700 §2.4, §2.1.2). */
final class LegacyGrantWarning {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyGrantWarning.class);

    private LegacyGrantWarning() {}

    static void log(List<Client> clients, CellConfig.Features features) {
        warn(clients, "password", features.password());
        warn(clients, "implicit", features.implicit());
    }

    private static void warn(List<Client> clients, String grant, boolean enabled) {
        List<String> ids = clients.stream().filter(c -> c.allowsGrant(grant)).map(Client::clientId).sorted().toList();
        if (!ids.isEmpty()) {
            LOG.warn("the {} grant, which OAuth 2.1 removes, is {} for clients {}", grant,
                    enabled ? "allowed" : "registered but switched off (features." + grant + ".enabled)", ids);
        }
    }
}
