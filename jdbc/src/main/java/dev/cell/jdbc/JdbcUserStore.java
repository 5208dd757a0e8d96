package dev.cell.jdbc;

import static dev.cell.jdbc.Columns.instant;
import static dev.cell.jdbc.Columns.millis;

import dev.cell.account.User;
import dev.cell.store.UserStore;
import dev.cell.store.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Resource owners in SQL (RFC 6749 §1.1), unique by id and by username; every change moves the row's version. */
final class JdbcUserStore implements UserStore {
    private static final String SELECT = "SELECT id, username, password_hash, claims, authorities, disabled,"
            + " created_at, updated_at, version FROM users";

    private static final RowMapper<User> MAPPER = (rs, ctx) -> new User(
            rs.getString("id"),
            rs.getString("username"),
            rs.getString("password_hash"),
            Json.toMap(rs.getString("claims")),
            Json.toSet(rs.getString("authorities")),
            rs.getBoolean("disabled"),
            instant(rs, "created_at"),
            instant(rs, "updated_at"));

    private static final RowMapper<Versioned<User>> VERSIONED = (rs, ctx) -> new Versioned<>(MAPPER.map(rs, ctx), rs.getLong("version"));

    private final Sql sql;

    JdbcUserStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<User> findById(String id) {
        return sql.call(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return sql.call(h -> h.createQuery(SELECT + " WHERE username = :username")
                .bind("username", username)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public List<User> list() {
        return sql.call(h -> h.createQuery(SELECT + " ORDER BY username").map(MAPPER).list());
    }

    @Override
    public Optional<Versioned<User>> findVersioned(String id) {
        return sql.call(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(VERSIONED).findOne());
    }

    @Override
    public List<Versioned<User>> search(String query, Boolean disabled, String afterUsername, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        if (query != null) {
            where.add("LOWER(username) LIKE :query ESCAPE '!'");
            values.put("query", "%" + likeEscaped(query.toLowerCase(Locale.ROOT)) + "%");
        }
        if (disabled != null) {
            where.add("disabled = :disabled");
            values.put("disabled", disabled);
        }
        if (afterUsername != null) {
            where.add("username > :after");
            values.put("after", afterUsername);
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return sql.call(h -> h.createQuery(SELECT + filter + " ORDER BY username LIMIT :limit")
                .bindMap(values)
                .bind("limit", limit)
                .map(VERSIONED)
                .list());
    }

    /** {@code text} matched literally by LIKE: its wildcards and the escape character escaped with {@code !}. */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public void create(User user) {
        sql.insert("username '" + user.username() + "' is taken", h -> h.createUpdate("""
                INSERT INTO users (id, username, password_hash, claims, authorities, disabled, created_at, updated_at)
                VALUES (:id, :username, :passwordHash, :claims, :authorities, :disabled, :createdAt, :updatedAt)
                """)
                .bind("id", user.id())
                .bind("username", user.username())
                .bind("passwordHash", user.passwordHash())
                .bind("claims", Json.ofMap(user.claims()))
                .bind("authorities", Json.ofSet(user.authorities()))
                .bind("disabled", user.disabled())
                .bind("createdAt", millis(user.createdAt()))
                .bind("updatedAt", millis(user.updatedAt()))
                .execute());
    }

    @Override
    public boolean update(User user) {
        return update(user, "");
    }

    @Override
    public boolean updateIfVersion(User user, long version) {
        return update(user, " AND version = " + version);
    }

    private boolean update(User user, String condition) {
        return sql.call(h -> h.createUpdate("""
                UPDATE users SET claims = :claims, authorities = :authorities, disabled = :disabled,
                    updated_at = :updatedAt, version = version + 1
                WHERE id = :id""" + condition)
                .bind("claims", Json.ofMap(user.claims()))
                .bind("authorities", Json.ofSet(user.authorities()))
                .bind("disabled", user.disabled())
                .bind("updatedAt", millis(user.updatedAt()))
                .bind("id", user.id())
                .execute()) == 1;
    }

    @Override
    public boolean setDisabled(String id, boolean disabled, Instant at) {
        return sql.call(h -> h.createUpdate(
                        "UPDATE users SET disabled = :disabled, updated_at = :updatedAt, version = version + 1 WHERE id = :id")
                .bind("disabled", disabled)
                .bind("updatedAt", millis(at))
                .bind("id", id)
                .execute()) == 1;
    }

    @Override
    public boolean updatePassword(String id, String passwordHash, Instant at) {
        return sql.call(h -> h.createUpdate(
                        "UPDATE users SET password_hash = :passwordHash, updated_at = :updatedAt, version = version + 1 WHERE id = :id")
                .bind("passwordHash", passwordHash)
                .bind("updatedAt", millis(at))
                .bind("id", id)
                .execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return sql.call(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute()) == 1;
    }
}
