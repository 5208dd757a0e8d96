package dev.cell.server.admin.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cell.account.StandardClaims;
import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadataJson;
import dev.cell.consent.Consent;
import dev.cell.event.AuditRecord;
import dev.cell.keys.SigningKey;
import dev.cell.registration.InitialAccessToken;
import dev.cell.session.Device;
import dev.cell.session.LoginSession;
import dev.cell.token.AccessTokenIssuer;
import dev.cell.token.ActiveGrant;
import dev.cell.token.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON form of each admin API resource (docs/admin-api.md), in one place so that the API and the {@code cell} command
 * working on the database directly show the same members.
 */
public final class Representations {
    private Representations() {}

    /** A user (its {@code id} is its {@code sub}, OIDC Core §2) with its standard claims (OIDC Core §5.1); never its password. */
    public static Map<String, Object> user(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id());
        out.put("username", u.username());
        out.put("claims", StandardClaims.of(u.claims()).values());
        out.put("authorities", new TreeSet<>(u.authorities()));
        out.put("disabled", u.disabled());
        out.put("created_at", Out.time(u.createdAt()));
        out.put("updated_at", Out.time(u.updatedAt()));
        return out;
    }

    /**
     * A client: {@code client_id}, its metadata under the RFC 7591 §2 names and Cell's own, and when it was registered and
     * changed; during a rotation's grace period, until when the replaced secret works. Never a secret.
     */
    public static Map<String, Object> client(Client c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", c.clientId());
        out.putAll(Json.MAPPER.convertValue(ClientMetadataJson.write(c.metadata()), new TypeReference<Map<String, Object>>() {}));
        out.put("created_at", Out.time(c.createdAt()));
        out.put("updated_at", Out.time(c.updatedAt()));
        if (c.previousSecretExpiresAt() != null) {
            out.put("previous_secret_expires_at", Out.time(c.previousSecretExpiresAt()));
        }
        return out;
    }

    /**
     * A login session, named by the hash of its cookie value (never the value), which is also its {@code sid}; with the
     * device its {@code User-Agent} names, its address, and the clients signed in through it.
     */
    public static Map<String, Object> session(LoginSession s, Set<String> clients) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.idHash());
        out.put("sid", s.sid());
        out.put("device", Device.of(s.userAgent()).describe());
        out.put("user_agent", s.userAgent());
        out.put("ip", s.ip());
        out.put("clients", new TreeSet<>(clients));
        out.put("auth_time", Out.time(s.authTime()));
        out.put("amr", s.amr());
        out.put("created_at", Out.time(s.createdAt()));
        out.put("last_seen_at", Out.time(s.lastSeenAt()));
        out.put("expires_at", Out.time(s.expiresAt()));
        return out;
    }

    /** A grant (RFC 6749 §1.3) with active stored tokens. */
    public static Map<String, Object> grant(ActiveGrant g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.grantId());
        out.put("client_id", g.clientId());
        out.put("scope", AccessTokenIssuer.scopeString(g.scopes()));
        out.put("issued_at", Out.time(g.issuedAt()));
        out.put("expires_at", Out.time(g.expiresAt()));
        return out;
    }

    /** A remembered consent (RFC 6749 §10.2). */
    public static Map<String, Object> consent(Consent c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", c.clientId());
        out.put("scope", AccessTokenIssuer.scopeString(c.scopes()));
        out.put("granted_at", Out.time(c.grantedAt()));
        return out;
    }

    /** An event of the audit trail. */
    public static Map<String, Object> auditEvent(AuditRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("time", Out.time(r.time()));
        out.put("event", r.event());
        out.put("outcome", r.outcome());
        out.put("actor", r.actor());
        out.put("client_id", r.clientId());
        out.put("user_id", r.userId());
        out.put("ip", r.ip());
        out.put("details", new TreeMap<>(r.details()));
        return out;
    }

    /** An initial access token for client registration (RFC 7591 §3), never its value. */
    public static Map<String, Object> registrationToken(InitialAccessToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("scope", t.scopes().isEmpty() ? null : String.join(" ", new TreeSet<>(t.scopes())));
        out.put("multiple_use", t.multipleUse());
        out.put("uses_left", t.usesLeft());
        out.put("created_by", t.createdBy());
        out.put("created_at", Out.time(t.createdAt()));
        out.put("expires_at", Out.time(t.expiresAt()));
        return out;
    }

    /** A signing key (RFC 7517): its public JWK only, and its state at {@code now}. */
    public static Map<String, Object> key(SigningKey k, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kid", k.kid());
        out.put("alg", k.alg());
        out.put("state", k.isActive() ? "active" : k.isPublished(now) ? "retired" : "expired");
        out.put("created_at", Out.time(k.createdAt()));
        out.put("retired_at", Out.time(k.retiredAt()));
        out.put("expires_at", Out.time(k.expiresAt()));
        try {
            out.put("jwk", Json.MAPPER.readTree(k.publicJwk()));
        } catch (IOException e) {
            throw new IllegalStateException("stored public JWK of " + k.kid() + " is not JSON", e);
        }
        return out;
    }
}
