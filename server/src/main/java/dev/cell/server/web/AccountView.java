package dev.cell.server.web;

import dev.cell.account.User;
import dev.cell.client.ClientRegistry;
import dev.cell.consent.Consent;
import dev.cell.session.Device;
import dev.cell.session.LoginSession;
import dev.cell.session.SessionClients;
import dev.cell.session.UserGrant;
import dev.cell.store.Stores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the account page shows a signed-in user, in their language: their login sessions (device, address, sign-in time,
 * last use, the applications signed in through each; OIDC Back-Channel Logout 1.0 §2.1 sessions) and the applications
 * that hold their consent or a grant (RFC 6749 §10.2).
 */
public final class AccountView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One login session as a row of the page. */
    public record SessionRow(String sid, String device, String ip, String signedIn, String lastUsed, String applications, boolean current) {}

    /** One application with access, as a row of the page. */
    public record AppRow(String clientId, String name, String scopes) {}

    private final Stores stores;
    private final ClientRegistry clients;
    private final Clock clock;

    public AccountView(Stores stores, ClientRegistry clients, Clock clock) {
        this.stores = stores;
        this.clients = clients;
        this.clock = clock;
    }

    /** The user's sessions, the current one first, then the most recently used. */
    List<SessionRow> sessions(User user, LoginSession current, Messages m) {
        List<LoginSession> all = new ArrayList<>(stores.loginSessions().listForUser(user.id(), clock.instant(), null, Integer.MAX_VALUE));
        all.sort(Comparator.comparing((LoginSession s) -> !s.sid().equals(current.sid())).thenComparing(LoginSession::lastSeenAt,
                Comparator.reverseOrder()));
        Map<String, Set<String>> byClient = SessionClients.of(stores.grants(), all);
        return all.stream().map(s -> new SessionRow(s.sid(), device(Device.of(s.userAgent()), m), s.ip() == null ? "" : s.ip(),
                time(s.authTime()), time(s.lastSeenAt()), names(byClient.getOrDefault(s.sid(), Set.of())), s.sid().equals(current.sid())))
                .toList();
    }

    /** Applications holding the user's consent or a recorded grant, by name. */
    List<AppRow> applications(User user, Messages m) {
        Map<String, Set<String>> scopes = new TreeMap<>();
        for (Consent c : stores.consents().listForUser(user.id())) {
            scopes.put(c.clientId(), new TreeSet<>(c.scopes()));
        }
        for (UserGrant g : stores.grants().listForUser(user.id())) {
            scopes.putIfAbsent(g.clientId(), new TreeSet<>());
        }
        List<AppRow> rows = new ArrayList<>();
        scopes.forEach((clientId, granted) -> rows.add(new AppRow(clientId, name(clientId),
                String.join(", ", granted.stream().map(m::scopeTitle).toList()))));
        rows.sort(Comparator.comparing(AppRow::name, String.CASE_INSENSITIVE_ORDER));
        return rows;
    }

    private String names(Set<String> clientIds) {
        return String.join(", ", clientIds.stream().map(this::name).sorted(String.CASE_INSENSITIVE_ORDER).toList());
    }

    private String name(String clientId) {
        return ClientCard.shownName(clients.find(clientId).orElse(null), clientId);
    }

    private static String device(Device d, Messages m) {
        if (d.browser() != null && d.system() != null) {
            return m.format("account.device", d.browser(), d.system());
        }
        return d.browser() != null ? d.browser() : d.system() != null ? d.system() : m.get("account.unknown_device");
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
