package dev.cell.demo.client;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /notes}: adds a note through the API with the user's access token, then shows the page again. */
final class NotesFormServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ApiCaller api;
    private final transient NotesApi notes;

    NotesFormServlet(ApiCaller api, NotesApi notes) {
        this.api = api;
        this.notes = notes;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        SignedIn user = Sessions.user(req);
        if (user == null || !Sessions.csrfOk(req)) {
            Sessions.html(res, 403, Html.error("Sign in first, from this app's own page."));
            return;
        }
        String text = req.getParameter("text");
        try {
            NotesApi.Answer added = api.call(user, token -> notes.add(token, text == null ? "" : text));
            if (added.status() != 201) {
                Sessions.html(res, added.status(), Html.error("The notes API refused the note: " + added.json()));
                return;
            }
            res.sendRedirect("/");
        } catch (DemoException e) {
            Sessions.html(res, 502, Html.error(e.getMessage()));
        }
    }
}
