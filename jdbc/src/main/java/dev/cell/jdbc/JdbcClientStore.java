package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.client.Client;
import dev.cell.client.ClientAuthMethod;
import dev.cell.store.ClientStore;
import dev.cell.token.AccessTokenFormat;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** Registered clients in SQL (RFC 6749 §2), with a version bumped by every change. */
final class JdbcClientStore implements ClientStore {
    private static final String COLUMNS = "client_id, client_name, secret_hash, secret_encrypted, auth_method,"
            + " grant_types, redirect_uris, post_logout_redirect_uris, scopes, audiences, access_token_format,"
            + " first_party, jwks, jwks_uri, authorities, created_at, updated_at, version, legacy_token_claims, pkce_required";

    private static final RowMapper<Client> MAPPER = (rs, ctx) -> new Client(
            rs.getString("client_id"),
            rs.getString("client_name"),
            rs.getString("secret_hash"),
            rs.getString("secret_encrypted"),
            authMethod(rs.getString("auth_method")),
            Json.toSet(rs.getString("grant_types")),
            Json.toList(rs.getString("redirect_uris")),
            Json.toList(rs.getString("post_logout_redirect_uris")),
            Json.toSet(rs.getString("scopes")),
            Json.toList(rs.getString("audiences")),
            accessTokenFormat(rs.getString("access_token_format")),
            rs.getBoolean("first_party"),
            rs.getString("jwks"),
            rs.getString("jwks_uri"),
            Json.toSet(rs.getString("authorities")),
            instant(rs, "created_at"),
            instant(rs, "updated_at"),
            rs.getLong("version"),
            rs.getBoolean("legacy_token_claims"),
            rs.getBoolean("pkce_required"));

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
        sql.insert("client_id is taken: " + client.clientId(), h -> bindFields(h.createUpdate("""
                INSERT INTO clients (client_id, client_name, secret_hash, secret_encrypted, auth_method, grant_types,
                    redirect_uris, post_logout_redirect_uris, scopes, audiences, access_token_format, first_party,
                    jwks, jwks_uri, authorities, created_at, updated_at, version, legacy_token_claims, pkce_required)
                VALUES (:clientId, :clientName, :secretHash, :secretEncrypted, :authMethod, :grantTypes,
                    :redirectUris, :postLogoutRedirectUris, :scopes, :audiences, :accessTokenFormat, :firstParty,
                    :jwks, :jwksUri, :authorities, :createdAt, :updatedAt, 1, :legacyTokenClaims, :pkceRequired)
                """), client)
                .bind("createdAt", millis(client.createdAt()))
                .execute());
    }

    @Override
    public boolean update(Client client) {
        return sql.call(h -> bindFields(h.createUpdate("""
                UPDATE clients SET client_name = :clientName, secret_hash = :secretHash,
                    secret_encrypted = :secretEncrypted, auth_method = :authMethod, grant_types = :grantTypes,
                    redirect_uris = :redirectUris, post_logout_redirect_uris = :postLogoutRedirectUris,
                    scopes = :scopes, audiences = :audiences, access_token_format = :accessTokenFormat,
                    first_party = :firstParty, jwks = :jwks, jwks_uri = :jwksUri, authorities = :authorities,
                    legacy_token_claims = :legacyTokenClaims, pkce_required = :pkceRequired, updated_at = :updatedAt, version = version + 1
                WHERE client_id = :clientId
                """), client)
                .execute()) == 1;
    }

    @Override
    public boolean updateSecret(String clientId, String secretHash, String secretEncrypted, Instant at) {
        return sql.call(h -> h.createUpdate("""
                UPDATE clients SET secret_hash = :secretHash, secret_encrypted = :secretEncrypted,
                    updated_at = :updatedAt, version = version + 1
                WHERE client_id = :clientId
                """)
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

    /** Binds every column but created_at and version. */
    private static <S extends SqlStatement<S>> S bindFields(S statement, Client c) {
        return statement
                .bind("clientId", c.clientId())
                .bind("legacyTokenClaims", c.legacyTokenClaims())
                .bind("pkceRequired", c.pkceRequired())
                .bind("clientName", c.clientName())
                .bind("secretHash", c.secretHash())
                .bind("secretEncrypted", c.secretEncrypted())
                .bind("authMethod", c.authMethod().value())
                .bind("grantTypes", Json.ofSet(c.grantTypes()))
                .bind("redirectUris", Json.ofList(c.redirectUris()))
                .bind("postLogoutRedirectUris", Json.ofList(c.postLogoutRedirectUris()))
                .bind("scopes", Json.ofSet(c.scopes()))
                .bind("audiences", Json.ofList(c.audiences()))
                .bind("accessTokenFormat", c.accessTokenFormat().value())
                .bind("firstParty", c.firstParty())
                .bind("jwks", c.jwks())
                .bind("jwksUri", c.jwksUri())
                .bind("authorities", Json.ofSet(c.authorities()))
                .bind("updatedAt", millis(c.updatedAt()));
    }
}
