package dev.cell.server.telemetry;

import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.grant.AuthorizationCodeGrant;
import dev.cell.grant.PasswordGrant;
import dev.cell.logout.BackchannelLogoutDelivery;
import dev.cell.server.endpoint.TokenEndpoint;
import dev.cell.token.RefreshTokenService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business counters read off the audit trail (RFC 9700 §4.13 brute force, §4.14 token lifecycle), so no endpoint counts
 * anything itself: tokens issued by grant and format, logins by outcome, throttled logins, refresh token reuse, code
 * replays, back-channel logout deliveries, and every audit event by name and outcome. Labels take only values the server chose, never what a request sent.
 */
public final class AuditMetrics implements AuditSink {
    static final String LOGIN = "login";
    private static final String BACKCHANNEL = "cell.backchannel.logout.deliveries";
    private static final String BACKCHANNEL_HELP = "Back-channel logout token deliveries by outcome: delivered, retry (failed, tried again later), "
            + "failed (for good)";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Counter> counters = new ConcurrentHashMap<>();

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
        // present from the start, so a dashboard and an alert rule see 0 rather than no series
        counter("cell.refresh.token.reuse", "Refresh tokens presented after rotation: each revoked its grant (RFC 9700 section 4.14.2)");
        counter("cell.authorization.code.replays", "Authorization codes presented a second time: each revoked its grant (RFC 6749 section 4.1.2)");
        for (String channel : new String[] {"login_page", "password_grant"}) {
            counter("cell.logins.throttled", "Sign-in attempts refused by the login limits", "channel", channel);
        }
        for (String outcome : new String[] {AuditEvent.SUCCESS, AuditEvent.FAILURE, "rate_limited"}) {
            counter("cell.logins", "Sign-ins at the login page by outcome", "outcome", outcome);
        }
        for (String outcome : new String[] {BackchannelLogoutDelivery.DELIVERED, BackchannelLogoutDelivery.RETRY, BackchannelLogoutDelivery.FAILED}) {
            counter(BACKCHANNEL, BACKCHANNEL_HELP, "outcome", outcome);
        }
    }

    @Override
    public void record(AuditEvent e) {
        counter("cell.audit.events", "Audit events by name and outcome", "event", e.event(), "outcome", e.outcome()).increment();
        if (e.event().equals(TokenEndpoint.EVENT)) {
            tokens(e);
        } else if (e.event().equals(LOGIN)) {
            counter("cell.logins", "Sign-ins at the login page by outcome", "outcome", e.outcome()).increment();
            if (e.outcome().equals("rate_limited")) {
                counter("cell.logins.throttled", "Sign-in attempts refused by the login limits", "channel", "login_page").increment();
            }
        } else if (e.event().equals(BackchannelLogoutDelivery.EVENT)) {
            counter(BACKCHANNEL, BACKCHANNEL_HELP, "outcome", e.outcome()).increment();
        }
    }

    private void tokens(AuditEvent e) {
        if (!e.outcome().equals(AuditEvent.SUCCESS)) {
            String reason = e.details().get("reason");
            if (RefreshTokenService.REUSE.equals(reason)) {
                counter("cell.refresh.token.reuse", null).increment();
            } else if (AuthorizationCodeGrant.REPLAY.equals(reason)) {
                counter("cell.authorization.code.replays", null).increment();
            } else if (PasswordGrant.RATE_LIMITED.equals(reason)) {
                counter("cell.logins.throttled", null, "channel", "password_grant").increment();
            }
            return;
        }
        String grant = e.details().getOrDefault("grant_type", "unknown");
        String kinds = e.details().getOrDefault("tokens", "");
        String accessFormat = e.details().getOrDefault(TokenEndpoint.FORMAT, "jwt");
        for (int start = 0, end; start < kinds.length(); start = end + 1) {
            end = kinds.indexOf(' ', start);
            end = end < 0 ? kinds.length() : end;
            String kind = kinds.substring(start, end);
            String format = switch (kind) {
                case "access_token" -> accessFormat;
                case "refresh_token" -> "opaque";
                case "id_token" -> "jwt";
                default -> null;
            };
            if (format != null) {
                counter("cell.tokens.issued", "Tokens issued by grant type, kind and format", "grant_type", grant, "token", kind, "format", format)
                        .increment();
            }
        }
    }

    /**
     * One counter per name and label values, built once: the registry's own lookup builds an id and sorts its tags on every
     * call. A metric always has the same label names, so the values (at most three) tell its counters apart.
     */
    private Counter counter(String name, String description, String... tags) {
        Key key = new Key(name, tags.length > 1 ? tags[1] : null, tags.length > 3 ? tags[3] : null, tags.length > 5 ? tags[5] : null);
        Counter c = counters.get(key);
        return c != null ? c : counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private record Key(String name, String first, String second, String third) {}
}
