package dev.cell.logout;

import dev.cell.client.Client;
import dev.cell.session.SessionEndListener;
import dev.cell.session.UserGrant;
import dev.cell.store.ClientStore;
import dev.cell.store.LogoutDeliveryStore;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues one logout token delivery per ended session and relying party it signed in to that registered a
 * {@code backchannel_logout_uri} (OIDC Back-Channel Logout 1.0 §2.5, §2.7), in the database, so any node delivers it; then
 * wakes this node's worker so the delivery starts at once.
 */
public final class BackchannelLogoutQueue implements SessionEndListener {
    private final ClientStore clients;
    private final LogoutDeliveryStore deliveries;
    private final RandomValues random;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake starts this node's delivery worker now (does nothing where no worker runs, as in the CLI) */
    public BackchannelLogoutQueue(ClientStore clients, LogoutDeliveryStore deliveries, RandomValues random, Clock clock, Runnable wake) {
        this.clients = clients;
        this.deliveries = deliveries;
        this.random = random;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void ended(List<UserGrant> grants) {
        Map<String, UserGrant> bySessionAndClient = new LinkedHashMap<>();
        for (UserGrant g : grants) {
            if (g.sessionId() != null) {
                bySessionAndClient.putIfAbsent(g.sessionId() + "\n" + g.clientId(), g);
            }
        }
        Map<String, Optional<Client>> found = new LinkedHashMap<>();
        Instant now = clock.instant();
        List<LogoutDelivery> queued = new ArrayList<>();
        for (UserGrant g : bySessionAndClient.values()) {
            Optional<Client> client = found.computeIfAbsent(g.clientId(), clients::find);
            if (client.isPresent() && client.get().metadata().backchannelLogoutUri() != null) {
                queued.add(LogoutDelivery.pending(random.orderedId(), g.clientId(), g.userId(), g.sessionId(), now));
            }
        }
        if (!queued.isEmpty()) {
            deliveries.enqueue(queued);
            wake.run();
        }
    }
}
