package dev.cell.device;

import dev.cell.store.DeviceAuthorizationStore;
import dev.cell.store.DuplicateException;
import dev.cell.store.LoginFailureStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stores for the device grant's unit tests, with the JDBC stores' semantics (synchronized for atomicity). */
final class MemoryDeviceStores {
    private MemoryDeviceStores() {}

    static final class Requests implements DeviceAuthorizationStore {
        final Map<String, DeviceAuthorization> rows = new ConcurrentHashMap<>();

        @Override
        public synchronized boolean saveWithin(DeviceAuthorization request, int maxPerClient) {
            if (rows.containsKey(request.deviceCodeHash())
                    || rows.values().stream().anyMatch(r -> r.userCodeHash().equals(request.userCodeHash()))) {
                throw new DuplicateException("taken");
            }
            long open = rows.values().stream().filter(r -> r.clientId().equals(request.clientId()) && !r.expired(request.createdAt())).count();
            if (open >= maxPerClient) {
                return false;
            }
            rows.put(request.deviceCodeHash(), request);
            return true;
        }

        @Override
        public synchronized Optional<DeviceAuthorization> findPending(String userCodeHash, Instant now) {
            return rows.values().stream().filter(r -> r.userCodeHash().equals(userCodeHash) && r.status() == DeviceAuthorization.Status.PENDING
                    && !r.expired(now)).findFirst();
        }

        @Override
        public synchronized Optional<DeviceAuthorization> find(String deviceCodeHash, String clientId) {
            return Optional.ofNullable(rows.get(deviceCodeHash)).filter(r -> r.clientId().equals(clientId));
        }

        @Override
        public synchronized boolean approve(String userCodeHash, DeviceAuthorization.Approval approval, Instant now) {
            return decide(userCodeHash, DeviceAuthorization.Status.APPROVED, approval, now);
        }

        @Override
        public synchronized boolean deny(String userCodeHash, Instant now) {
            return decide(userCodeHash, DeviceAuthorization.Status.DENIED, null, now);
        }

        private boolean decide(String userCodeHash, DeviceAuthorization.Status status, DeviceAuthorization.Approval approval, Instant now) {
            Optional<DeviceAuthorization> r = findPending(userCodeHash, now);
            r.ifPresent(a -> rows.put(a.deviceCodeHash(), new DeviceAuthorization(a.deviceCodeHash(), a.userCodeHash(), a.clientId(), a.scopes(),
                    a.resources(), status, approval, a.interval(), a.lastPollAt(), a.createdAt(), a.expiresAt())));
            return r.isPresent();
        }

        @Override
        public synchronized boolean pollInTime(String deviceCodeHash, String clientId, Instant now, int slowDownSeconds) {
            DeviceAuthorization a = find(deviceCodeHash, clientId).orElse(null);
            if (a == null) {
                return false;
            }
            boolean inTime = a.lastPollAt() == null || !a.lastPollAt().plus(a.interval()).isAfter(now);
            rows.put(deviceCodeHash, new DeviceAuthorization(a.deviceCodeHash(), a.userCodeHash(), a.clientId(), a.scopes(), a.resources(),
                    a.status(), a.approval(), inTime ? a.interval() : a.interval().plusSeconds(slowDownSeconds), now, a.createdAt(), a.expiresAt()));
            return inTime;
        }

        @Override
        public synchronized Optional<DeviceAuthorization> consume(String deviceCodeHash, String clientId, Instant now) {
            Optional<DeviceAuthorization> a = find(deviceCodeHash, clientId)
                    .filter(r -> r.status() == DeviceAuthorization.Status.APPROVED && !r.expired(now));
            a.ifPresent(r -> rows.remove(deviceCodeHash));
            return a;
        }

        @Override
        public synchronized int deleteExpired(Instant now, int limit) {
            List<String> gone = rows.values().stream().filter(r -> r.expired(now)).map(DeviceAuthorization::deviceCodeHash).limit(limit).toList();
            gone.forEach(rows::remove);
            return gone.size();
        }
    }

    /** Fixed-window counters without windows: enough for a test that never waits a window out. */
    static final class Counters implements LoginFailureStore {
        final Map<String, Integer> counts = new ConcurrentHashMap<>();

        @Override
        public synchronized int reserve(String key, int limit, Instant now, Duration window) {
            int n = counts.getOrDefault(key, 0);
            if (n >= limit) {
                return 0;
            }
            counts.put(key, n + 1);
            return n + 1;
        }

        @Override
        public synchronized void release(String key, Instant now, Duration window) {
            counts.computeIfPresent(key, (k, n) -> n > 0 ? n - 1 : 0);
        }

        @Override
        public void reset(String key) {
            counts.remove(key);
        }

        @Override
        public int deleteExpired(Instant now, Duration window, int limit) {
            return 0;
        }
    }
}
