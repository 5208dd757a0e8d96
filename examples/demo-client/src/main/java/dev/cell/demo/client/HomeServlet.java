package dev.cell.demo.client;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /}: the sign-in button, or the user's claims and notes fetched from the API with the access token. */
final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ApiCaller api;
    private final transient NotesApi notes;

    HomeServlet(ApiCaller api, NotesApi notes) {
        this.api = api;
        this.notes = notes;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!"/".equals(req.getRequestURI())) {
            res.sendError(404);
            return;
        }
        SignedIn user = Sessions.user(req);
        if (user == null) {
            Sessions.html(res, 200, Html.signedOut(null));
            return;
        }
        try {
            NotesApi.Answer me = api.call(user, notes::me);
            NotesApi.Answer list = api.call(user, notes::notes);
            Sessions.html(res, 200, Html.signedIn(user, me, list, Sessions.csrf(req)));
        } catch (DemoException e) {
            Sessions.html(res, 502, Html.error(e.getMessage()));
        }
    }
}
