package dev.cell.session;

import dev.cell.account.User;

/** A browser's live login session and its (enabled) user (OIDC Core §2 {@code auth_time}, {@code amr}). */
public record SignedIn(LoginSession session, User user) {}
