package dev.cell.server.feature;

import dev.cell.config.CellConfig;
import dev.cell.logout.BackchannelLogoutDelivery;
import dev.cell.logout.BackchannelLogoutQueue;
import dev.cell.logout.LogoutTokenIssuer;
import dev.cell.session.SessionEndListener;
import dev.cell.store.ExpiryTask;
import dev.cell.store.Stores;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.util.Map;

/**
 * OpenID Connect Back-Channel Logout 1.0: its discovery members (§2.1), the queueing of logout tokens when a session ends, this
 * node's delivery worker (§2.5) and the deletion of finished deliveries.
 */
public final class BackchannelLogoutFeature implements Feature {
    @Override
    public String name() {
        return "backchannel-logout";
    }

    /** On with {@code logout.backchannel.enabled}, where there are login sessions to end (the authorization code flow). */
    @Override
    public boolean enabled(CellConfig config) {
        return config.backchannelLogout().enabled() && config.features().authorizationCode();
    }

    /** §2.1: logout tokens are posted, and always carry {@code sid}. */
    @Override
    public void metadata(CellConfig config, Map<String, Object> metadata) {
        metadata.put("backchannel_logout_supported", true);
        metadata.put("backchannel_logout_session_supported", true);
    }

    @Override
    public void install(FeatureContext context, Contributions out) {
        CellConfig.BackchannelLogout b = context.config().backchannelLogout();
        Stores stores = context.stores();
        HttpLogoutTokenSender sender = new HttpLogoutTokenSender(b.timeout());
        LogoutTokenIssuer tokens = new LogoutTokenIssuer(context.config().issuer(), context.config().tokens().idTokenSigningAlg(),
                b.tokenLifetime(), context.keys(), context.random(), context.clock());
        BackchannelLogoutWorker worker = new BackchannelLogoutWorker(new BackchannelLogoutDelivery(stores.logoutDeliveries(), stores.clients(),
                tokens, sender, new BackchannelLogoutDelivery.Retries(b.maxAttempts(), b.initialBackoff(), b.maxBackoff()), b.lease(),
                "node-" + context.random().id(), context.audit(), context.clock()), b.pollInterval());
        out.sessionEnd(new BackchannelLogoutQueue(stores.clients(), stores.logoutDeliveries(), context.random(), context.clock(), worker::wake))
                .background(sender)
                .background(worker)
                .expiry(new ExpiryTask("backchannel_logout_deliveries",
                        (now, n) -> stores.logoutDeliveries().deleteFinishedBefore(now.minus(b.retention()), n)));
    }

    /**
     * What a management command that ends sessions on the database tells: it queues as a node does, and a running node's worker
     * delivers (the queue is in the database); nothing when back-channel logout is off.
     */
    public static SessionEndListener queue(CellConfig config, Stores stores, RandomValues random, Clock clock) {
        return new BackchannelLogoutFeature().enabled(config)
                ? new BackchannelLogoutQueue(stores.clients(), stores.logoutDeliveries(), random, clock, () -> {})
                : SessionEndListener.NONE;
    }
}
