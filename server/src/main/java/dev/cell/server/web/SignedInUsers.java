package dev.cell.server.web;

import dev.cell.session.LoginSessionService;
import dev.cell.session.SignedIn;
import dev.cell.store.UserStore;
import io.javalin.http.Context;
import java.util.Optional;

/** The browser's signed-in user: the live login session its cookie names, and that session's enabled user (OIDC Core §2). */
public final class SignedInUsers {
    private final LoginSessionService sessions;
    private final UserStore users;
    private final BrowserCookies cookies;

    public SignedInUsers(LoginSessionService sessions, UserStore users, BrowserCookies cookies) {
        this.sessions = sessions;
        this.users = users;
        this.cookies = cookies;
    }

    public Optional<SignedIn> of(Context ctx) {
        return sessions.find(cookies.session(ctx))
                .flatMap(s -> users.findById(s.userId()).filter(u -> !u.disabled()).map(u -> new SignedIn(s, u)));
    }
}
