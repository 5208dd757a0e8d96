package dev.cell.server.admin.api;

/** What a route needs: reading (scope {@code cell:admin.read} or {@code cell:admin}), changing ({@code cell:admin}), or nothing. */
public enum AdminAccess {
    PUBLIC, READ, WRITE;

    /** The full admin scope: read and change. */
    public static final String ADMIN_SCOPE = "cell:admin";
    /** The read-only admin scope: GET requests only. */
    public static final String READ_SCOPE = "cell:admin.read";
}
