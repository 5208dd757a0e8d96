package dev.cell.support;

import dev.cell.account.User;
import dev.cell.authorize.AuthorizationCode;
import dev.cell.client.Client;
import dev.cell.consent.Consent;
import dev.cell.keys.SigningKey;
import dev.cell.session.UserGrant;
import dev.cell.store.AuthorizationCodeStore;
import dev.cell.store.ClientStore;
import dev.cell.store.ConsentStore;
import dev.cell.store.GrantStore;
import dev.cell.store.RevokedTokenStore;
import dev.cell.store.SigningKeyStore;
import dev.cell.store.TokenStore;
import dev.cell.store.UserStore;
import dev.cell.store.Versioned;
import dev.cell.token.ActiveGrant;
import dev.cell.token.StoredToken;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory stores with the JDBC stores' semantics: times kept at millisecond precision, single-use steps atomic
 * (synchronized), rotation refusing expired tokens.
 */
public final class MemoryStores {
    private MemoryStores() {}

    static Instant ms(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Authorization codes; consumed atomically. */
    public static final class Codes implements AuthorizationCodeStore {
        private final Map<String, AuthorizationCode> codes = new HashMap<>();
        private final Map<String, Instant> consumed = new HashMap<>();

        @Override
        public synchronized void save(AuthorizationCode c) {
            codes.put(c.codeHash(), new AuthorizationCode(c.codeHash(), c.grantId(), c.clientId(), c.userId(), c.redirectUri(),
                    c.scopes(), c.codeChallenge(), c.codeChallengeMethod(), c.nonce(), ms(c.authTime()), c.sessionId(), c.extra(),
                    ms(c.createdAt()), ms(c.expiresAt())));
        }

        @Override
        public synchronized Consumption consume(String codeHash, String clientId, Instant now) {
            AuthorizationCode code = codes.get(codeHash);
            if (code == null || !code.clientId().equals(clientId)) {
                return new Consumption.NotFound();
            }
            if (consumed.putIfAbsent(codeHash, ms(now)) != null) {
                return new Consumption.AlreadyUsed(code);
            }
            return new Consumption.Consumed(code);
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        public synchronized Collection<AuthorizationCode> all() {
            return List.copyOf(codes.values());
        }
    }

    /** Refresh and opaque access tokens; rotated atomically. */
    public static final class Tokens implements TokenStore {
        private final Map<String, StoredToken> tokens = new HashMap<>();

        @Override
        public synchronized void save(StoredToken t) {
            if (tokens.putIfAbsent(t.tokenHash(), withMillis(t)) != null) {
                throw new IllegalStateException("token hash is taken");
            }
        }

        @Override
        public synchronized Optional<StoredToken> find(String tokenHash) {
            return Optional.ofNullable(tokens.get(tokenHash));
        }

        @Override
        public synchronized Rotation rotate(String oldHash, StoredToken replacement, Instant now) {
            StoredToken old = tokens.get(oldHash);
            if (old != null && old.kind() == dev.cell.token.TokenKind.REFRESH && old.consumedAt() == null && old.revokedAt() == null
                    && old.expiresAt().isAfter(now)) {
                StoredToken used = with(old, ms(now), old.revokedAt());
                tokens.put(oldHash, used);
                save(replacement);
                return new Rotation.Rotated(used);
            }
            return old != null && old.consumedAt() != null ? new Rotation.Reused(old) : new Rotation.Invalid();
        }

        @Override
        public synchronized boolean revoke(String tokenHash, Instant now) {
            StoredToken t = tokens.get(tokenHash);
            if (t == null || t.revokedAt() != null) {
                return false;
            }
            tokens.put(tokenHash, with(t, t.consumedAt(), ms(now)));
            return true;
        }

        @Override
        public synchronized int revokeGrant(String grantId, Instant now) {
            int n = 0;
            for (StoredToken t : List.copyOf(tokens.values())) {
                if (grantId.equals(t.grantId()) && t.revokedAt() == null) {
                    tokens.put(t.tokenHash(), with(t, t.consumedAt(), ms(now)));
                    n++;
                }
            }
            return n;
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ActiveGrant> listGrantsForUser(String userId, Instant now, String afterGrantId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isGrantOf(String grantId, String userId) {
            throw new UnsupportedOperationException();
        }

        public synchronized List<StoredToken> all() {
            return List.copyOf(tokens.values());
        }

        private static StoredToken with(StoredToken t, Instant consumedAt, Instant revokedAt) {
            return new StoredToken(t.tokenHash(), t.kind(), t.grantId(), t.clientId(), t.userId(), t.scopes(), t.audiences(), t.claims(),
                    t.issuedAt(), t.expiresAt(), t.absoluteExpiresAt(), consumedAt, revokedAt);
        }

        private static StoredToken withMillis(StoredToken t) {
            return new StoredToken(t.tokenHash(), t.kind(), t.grantId(), t.clientId(), t.userId(), t.scopes(), t.audiences(), t.claims(),
                    ms(t.issuedAt()), ms(t.expiresAt()), ms(t.absoluteExpiresAt()), ms(t.consumedAt()), ms(t.revokedAt()));
        }
    }

    /** The deny list. */
    public static final class Revoked implements RevokedTokenStore {
        private final Map<String, Instant> ids = new HashMap<>();

        @Override
        public synchronized void revoke(String id, Instant expiresAt) {
            ids.merge(id, ms(expiresAt), (a, b) -> a.isAfter(b) ? a : b);
        }

        @Override
        public synchronized boolean anyRevoked(Collection<String> query) {
            return query.stream().anyMatch(ids::containsKey);
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        public synchronized Map<String, Instant> all() {
            return Map.copyOf(ids);
        }
    }

    /** Recorded grants by grant id. */
    public static final class Grants implements GrantStore {
        private final Map<String, UserGrant> grants = new HashMap<>();

        @Override
        public synchronized void save(UserGrant grant) {
            grants.putIfAbsent(grant.grantId(), grant);
        }

        @Override
        public synchronized List<UserGrant> listForSession(String sessionId) {
            return listForSessions(List.of(sessionId));
        }

        @Override
        public synchronized List<UserGrant> listForSessions(Collection<String> sessionIds) {
            return grants.values().stream().filter(g -> sessionIds.contains(g.sessionId())).toList();
        }

        @Override
        public synchronized List<UserGrant> listForUser(String userId) {
            return grants.values().stream().filter(g -> g.userId().equals(userId)).toList();
        }

        @Override
        public synchronized int delete(Collection<String> grantIds) {
            int n = 0;
            for (String id : grantIds) {
                n += grants.remove(id) == null ? 0 : 1;
            }
            return n;
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    /** Users by id. */
    public static final class Users implements UserStore {
        private final Map<String, User> users = new HashMap<>();

        @Override
        public synchronized Optional<User> findById(String id) {
            return Optional.ofNullable(users.get(id));
        }

        @Override
        public synchronized Optional<User> findByUsername(String username) {
            return users.values().stream().filter(u -> u.username().equals(username)).findFirst();
        }

        @Override
        public synchronized List<User> list() {
            return List.copyOf(users.values());
        }

        @Override
        public synchronized void create(User user) {
            users.put(user.id(), user);
        }

        @Override
        public synchronized boolean update(User user) {
            return users.replace(user.id(), user) != null;
        }

        @Override
        public synchronized boolean updatePassword(String id, String passwordHash, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Versioned<User>> findVersioned(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Versioned<User>> search(String query, Boolean disabled, String afterUsername, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateIfVersion(User user, long version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean setDisabled(String id, boolean disabled, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized boolean delete(String id) {
            return users.remove(id) != null;
        }
    }

    /** Clients by id, with versions. */
    public static final class Clients implements ClientStore {
        private final Map<String, Client> clients = new HashMap<>();

        @Override
        public synchronized Optional<Client> find(String clientId) {
            return Optional.ofNullable(clients.get(clientId));
        }

        @Override
        public synchronized OptionalLong version(String clientId) {
            Client c = clients.get(clientId);
            return c == null ? OptionalLong.empty() : OptionalLong.of(c.version());
        }

        @Override
        public synchronized List<Client> list() {
            return List.copyOf(clients.values());
        }

        @Override
        public synchronized void create(Client client) {
            clients.put(client.clientId(), client);
        }

        @Override
        public synchronized boolean update(Client client) {
            return clients.replace(client.clientId(), client) != null;
        }

        @Override
        public synchronized boolean updateIfVersion(Client client, long version) {
            Client c = clients.get(client.clientId());
            if (c == null || c.version() != version) {
                return false;
            }
            clients.put(client.clientId(), client.toBuilder().version(version + 1).build());
            return true;
        }

        @Override
        public synchronized List<Client> search(String query, String afterClientId, int limit) {
            return clients.values().stream().filter(c -> afterClientId == null || c.clientId().compareTo(afterClientId) > 0)
                    .filter(c -> query == null || c.clientId().contains(query)).sorted(Comparator.comparing(Client::clientId))
                    .limit(limit).toList();
        }

        @Override
        public synchronized boolean rotateSecret(String clientId, String secretHash, String secretEncrypted, Instant previousValidUntil,
                Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized boolean delete(String clientId) {
            return clients.remove(clientId) != null;
        }
    }

    /** Signing keys. */
    public static final class SigningKeys implements SigningKeyStore {
        private final List<SigningKey> keys = new ArrayList<>();

        @Override
        public synchronized List<SigningKey> listPublished(Instant now) {
            return keys.stream().filter(k -> k.isPublished(now)).sorted(Comparator.comparing(SigningKey::createdAt).reversed()).toList();
        }

        @Override
        public synchronized List<SigningKey> listAll() {
            return List.copyOf(keys);
        }

        @Override
        public synchronized void insert(SigningKey key) {
            keys.add(key);
        }

        @Override
        public synchronized void rotate(SigningKey newKey, Instant retiredAt, Instant expiresAt) {
            keys.replaceAll(k -> k.alg().equals(newKey.alg()) && k.isActive()
                    ? new SigningKey(k.kid(), k.alg(), k.publicJwk(), k.privateKeyEncrypted(), k.masterKeyId(), k.createdAt(), retiredAt,
                            expiresAt)
                    : k);
            keys.add(newKey);
        }

        @Override
        public synchronized boolean reseal(String kid, String privateKeyEncrypted, String masterKeyId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Consents implements ConsentStore {
        public final Map<String, Consent> rows = new ConcurrentHashMap<>();

        @Override
        public Optional<Consent> find(String userId, String clientId) {
            return Optional.ofNullable(rows.get(userId + " " + clientId));
        }

        @Override
        public List<Consent> listForUser(String userId) {
            return rows.values().stream().filter(c -> c.userId().equals(userId)).toList();
        }

        @Override
        public void save(Consent consent) {
            rows.put(consent.userId() + " " + consent.clientId(), consent);
        }

        @Override
        public boolean delete(String userId, String clientId) {
            return rows.remove(userId + " " + clientId) != null;
        }
    }
}
