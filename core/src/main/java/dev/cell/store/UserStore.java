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

    /** Throws {@link DuplicateException} if the id or username is taken. */
    void create(User user);

    /** Replaces claims, authorities and the disabled flag. False if absent. */
    boolean update(User user);

    boolean updatePassword(String id, String passwordHash, Instant at);

    boolean delete(String id);
}
