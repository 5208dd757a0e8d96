package dev.cell.store;

import dev.cell.account.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Resource owners (RFC 6749 §1.1). */
public interface UserStore {
    Optional<User> findById(String id);

    Optional<User> findByUsername(String username);

    List<User> list();

    /** The user with its version, which every change moves (the admin API's entity tag). */
    Optional<Versioned<User>> findVersioned(String id);

    /**
     * Users whose username contains {@code query} (case-insensitively; null matches all) and, when {@code disabled} is
     * given, whose disabled flag equals it; in username order after {@code afterUsername} (null: from the start); at most
     * {@code limit}.
     */
    List<Versioned<User>> search(String query, Boolean disabled, String afterUsername, int limit);

    /** Throws {@link DuplicateException} if the id or username is taken. */
    void create(User user);

    /** Replaces claims, authorities and the disabled flag, and moves the version. False if absent. */
    boolean update(User user);

    /**
     * Like {@link #update} but only while the stored version is still {@code version}, in one conditional UPDATE: of two
     * writers holding the same version exactly one succeeds. False if absent or changed meanwhile.
     */
    boolean updateIfVersion(User user, long version);

    /** Sets the disabled flag and moves the version. False if absent. */
    boolean setDisabled(String id, boolean disabled, Instant at);

    /** Replaces the password hash and moves the version. False if absent. */
    boolean updatePassword(String id, String passwordHash, Instant at);

    boolean delete(String id);
}
