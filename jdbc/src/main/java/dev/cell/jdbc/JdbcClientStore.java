package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.client.ApplicationType;
import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.store.ClientStore;
import dev.cell.token.AccessTokenFormat;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** Registered clients in SQL (RFC 6749 §2), with a version bumped by every change. */
final class JdbcClientStore implements ClientStore {
    /** Every column a change writes: all but client_id, created_at and version. */
    private static final List<String> FIELDS = List.of("client_name", "secret_hash", "secret_encrypted", "auth_method", "grant_types",
            "response_types", "redirect_uris", "post_logout_redirect_uris", "scopes", "audiences", "access_token_format", "first_party",
            "jwks", "jwks_uri", "authorities", "legacy_token_claims", "pkce_required", "client_uri", "logo_uri", "tos_uri", "policy_uri",
            "contacts", "software_id", "software_version", "application_type", "access_token_lifetime", "refresh_token_lifetime",
            "id_token_lifetime", "previous_secret_hash", "previous_secret_expires_at", "dpop_bound_access_tokens",
            "require_pushed_authorization_requests", "require_signed_request_object", "token_exchange_subjects",
            "backchannel_logout_uri", "backchannel_logout_session_required", "updated_at");
    private static final String COLUMNS = "client_id, created_at, version, " + String.join(", ", FIELDS);
    private static final String INSERT = "INSERT INTO clients (" + COLUMNS + ") VALUES (:client_id, :created_at, 1, "
            + FIELDS.stream().map(f -> ":" + f).collect(Collectors.joining(", ")) + ")";
    private static final String SET = FIELDS.stream().map(f -> f + " = :" + f).collect(Collectors.joining(", "))
            + ", version = version + 1";

    private static final RowMapper<Client> MAPPER = (rs, ctx) -> Client.builder()
            .clientId(rs.getString("client_id"))
            .metadata(ClientMetadata.builder()
                    .clientName(rs.getString("client_name"))
                    .tokenEndpointAuthMethod(authMethod(rs.getString("auth_method")))
                    .grantTypes(Json.toSet(rs.getString("grant_types")))
                    .responseTypes(Json.toSet(rs.getString("response_types")))
                    .redirectUris(Json.toList(rs.getString("redirect_uris")))
                    .postLogoutRedirectUris(Json.toList(rs.getString("post_logout_redirect_uris")))
                    .scopes(Json.toSet(rs.getString("scopes")))
                    .audiences(Json.toList(rs.getString("audiences")))
                    .accessTokenFormat(accessTokenFormat(rs.getString("access_token_format")))
                    .firstParty(rs.getBoolean("first_party"))
                    .jwks(rs.getString("jwks"))
                    .jwksUri(rs.getString("jwks_uri"))
                    .authorities(Json.toSet(rs.getString("authorities")))
                    .legacyTokenClaims(rs.getBoolean("legacy_token_claims"))
                    .pkceRequired(rs.getBoolean("pkce_required"))
                    .requirePushedAuthorizationRequests(rs.getBoolean("require_pushed_authorization_requests"))
                    .requireSignedRequestObject(rs.getBoolean("require_signed_request_object"))
                    .clientUri(rs.getString("client_uri"))
                    .logoUri(rs.getString("logo_uri"))
                    .tosUri(rs.getString("tos_uri"))
                    .policyUri(rs.getString("policy_uri"))
                    .contacts(Json.toList(rs.getString("contacts")))
                    .softwareId(rs.getString("software_id"))
                    .softwareVersion(rs.getString("software_version"))
                    .applicationType(applicationType(rs.getString("application_type")))
                    .accessTokenLifetime(seconds(rs, "access_token_lifetime"))
                    .refreshTokenLifetime(seconds(rs, "refresh_token_lifetime"))
                    .idTokenLifetime(seconds(rs, "id_token_lifetime"))
                    .dpopBoundAccessTokens(rs.getBoolean("dpop_bound_access_tokens"))
                    .tokenExchangeSubjects(Json.toSet(rs.getString("token_exchange_subjects")))
                    .backchannelLogoutUri(rs.getString("backchannel_logout_uri"))
                    .backchannelLogoutSessionRequired(rs.getBoolean("backchannel_logout_session_required"))
                    .build())
            .secretHash(rs.getString("secret_hash"))
            .secretEncrypted(rs.getString("secret_encrypted"))
            .previousSecret(rs.getString("previous_secret_hash"), instant(rs, "previous_secret_expires_at"))
            .createdAt(instant(rs, "created_at"))
            .updatedAt(instant(rs, "updated_at"))
            .version(rs.getLong("version"))
            .build();

    private final Sql sql;

    JdbcClientStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Client> find(String clientId) {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM clients WHERE client_id = :clientId")
                .bind("clientId", clientId)
                .map(MAPPER)
                .findOne());
    }

    private static final String VERSION = "SELECT version FROM clients WHERE client_id = ?";

    /** Read on every request that names a client (the registry's cache check), so on plain JDBC. */
    @Override
    public OptionalLong version(String clientId) {
        return sql.jdbc(VERSION, c -> {
            try (PreparedStatement ps = c.prepareStatement(VERSION)) {
                ps.setString(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public List<Client> list() {
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM clients ORDER BY client_id")
                .map(MAPPER)
                .list());
    }

    @Override
    public void create(Client client) {
        sql.insert("client_id is taken: " + client.clientId(), h -> bindFields(h.createUpdate(INSERT), client)
                .bind("created_at", millis(client.createdAt()))
                .execute());
    }

    @Override
    public boolean update(Client client) {
        return sql.call(h -> bindFields(h.createUpdate("UPDATE clients SET " + SET + " WHERE client_id = :client_id"), client)
                .execute()) == 1;
    }

    @Override
    public boolean updateIfVersion(Client client, long version) {
        return sql.call(h -> bindFields(h.createUpdate("UPDATE clients SET " + SET + " WHERE client_id = :client_id AND version = :expected"),
                client)
                .bind("expected", version)
                .execute()) == 1;
    }

    @Override
    public List<Client> search(String query, String afterClientId, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        if (query != null) {
            where.add("(LOWER(client_id) LIKE :query ESCAPE '!' OR LOWER(client_name) LIKE :query ESCAPE '!')");
            values.put("query", "%" + query.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (afterClientId != null) {
            where.add("client_id > :after");
            values.put("after", afterClientId);
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return sql.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM clients" + filter + " ORDER BY client_id LIMIT :limit")
                .bindMap(values)
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    /** The previous hash is read from the row being changed, so a rotation never races a read of the old secret. */
    @Override
    public boolean rotateSecret(String clientId, String secretHash, String secretEncrypted, Instant previousValidUntil, Instant at) {
        return sql.call(h -> h.createUpdate("""
                UPDATE clients SET
                    previous_secret_hash = CASE WHEN :keep THEN secret_hash ELSE NULL END,
                    previous_secret_expires_at = :until,
                    secret_hash = :secretHash, secret_encrypted = :secretEncrypted,
                    updated_at = :updatedAt, version = version + 1
                WHERE client_id = :clientId
                """)
                .bind("keep", previousValidUntil != null)
                .bind("until", millis(previousValidUntil))
                .bind("secretHash", secretHash)
                .bind("secretEncrypted", secretEncrypted)
                .bind("updatedAt", millis(at))
                .bind("clientId", clientId)
                .execute()) == 1;
    }

    @Override
    public boolean delete(String clientId) {
        return sql.call(h -> h.createUpdate("DELETE FROM clients WHERE client_id = :clientId")
                .bind("clientId", clientId)
                .execute()) == 1;
    }

    private static ClientAuthMethod authMethod(String value) {
        return ClientAuthMethod.of(value)
                .orElseThrow(() -> new IllegalStateException("unknown auth_method in clients: " + value));
    }

    private static AccessTokenFormat accessTokenFormat(String value) {
        return AccessTokenFormat.of(value)
                .orElseThrow(() -> new IllegalStateException("unknown access_token_format in clients: " + value));
    }

    private static ApplicationType applicationType(String value) {
        return ApplicationType.of(value)
                .orElseThrow(() -> new IllegalStateException("unknown application_type in clients: " + value));
    }

    private static Duration seconds(ResultSet rs, String column) throws SQLException {
        long s = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofSeconds(s);
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    /** Binds every column but created_at and version. */
    private static <S extends SqlStatement<S>> S bindFields(S statement, Client c) {
        ClientMetadata m = c.metadata();
        return statement
                .bind("client_id", c.clientId())
                .bind("client_name", m.clientName())
                .bind("secret_hash", c.secretHash())
                .bind("secret_encrypted", c.secretEncrypted())
                .bind("auth_method", m.tokenEndpointAuthMethod().value())
                .bind("grant_types", Json.ofSet(m.grantTypes()))
                .bind("response_types", Json.ofSet(m.responseTypes()))
                .bind("redirect_uris", Json.ofList(m.redirectUris()))
                .bind("post_logout_redirect_uris", Json.ofList(m.postLogoutRedirectUris()))
                .bind("scopes", Json.ofSet(m.scopes()))
                .bind("audiences", Json.ofList(m.audiences()))
                .bind("access_token_format", m.accessTokenFormat().value())
                .bind("first_party", m.firstParty())
                .bind("jwks", m.jwks())
                .bind("jwks_uri", m.jwksUri())
                .bind("authorities", Json.ofSet(m.authorities()))
                .bind("legacy_token_claims", m.legacyTokenClaims())
                .bind("pkce_required", m.pkceRequired())
                .bind("require_pushed_authorization_requests", m.requirePushedAuthorizationRequests())
                .bind("require_signed_request_object", m.requireSignedRequestObject())
                .bind("client_uri", m.clientUri())
                .bind("logo_uri", m.logoUri())
                .bind("tos_uri", m.tosUri())
                .bind("policy_uri", m.policyUri())
                .bind("contacts", Json.ofList(m.contacts()))
                .bind("software_id", m.softwareId())
                .bind("software_version", m.softwareVersion())
                .bind("application_type", m.applicationType().value())
                .bind("access_token_lifetime", seconds(m.accessTokenLifetime()))
                .bind("refresh_token_lifetime", seconds(m.refreshTokenLifetime()))
                .bind("id_token_lifetime", seconds(m.idTokenLifetime()))
                .bind("previous_secret_hash", c.previousSecretHash())
                .bind("previous_secret_expires_at", millis(c.previousSecretExpiresAt()))
                .bind("dpop_bound_access_tokens", m.dpopBoundAccessTokens())
                .bind("token_exchange_subjects", Json.ofSet(m.tokenExchangeSubjects()))
                .bind("backchannel_logout_uri", m.backchannelLogoutUri())
                .bind("backchannel_logout_session_required", m.backchannelLogoutSessionRequired())
                .bind("updated_at", millis(c.updatedAt()));
    }
}
