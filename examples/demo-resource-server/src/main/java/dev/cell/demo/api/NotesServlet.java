package dev.cell.demo.api;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cell.resource.BearerTokenFilter;
import dev.cell.resource.TokenPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/** {@code /api/notes}: GET lists the caller's notes ({@code notes.read}); POST {@code {"text": ...}} adds one ({@code notes.write}). */
final class NotesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient NoteBook notes;

    NotesServlet(NoteBook notes) {
        this.notes = notes;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        TokenPrincipal me = BearerTokenFilter.principal(req).requireScopes("notes.read");
        Json.write(res, 200, Map.of("notes", notes.of(me.subject())));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        TokenPrincipal me = BearerTokenFilter.principal(req).requireScopes("notes.write");
        String text = text(req.getInputStream().readNBytes(4 * NoteBook.MAX_LENGTH + 64));
        if (text == null || text.isBlank() || text.length() > NoteBook.MAX_LENGTH) {
            Json.write(res, 400, Map.of("error", "invalid_request", "error_description",
                    "send {\"text\": ...} with 1 to " + NoteBook.MAX_LENGTH + " characters"));
            return;
        }
        if (!notes.add(me.subject(), text.strip())) {
            Json.write(res, 409, Map.of("error", "too_many_notes", "error_description", "at most " + NoteBook.MAX_NOTES + " notes each"));
            return;
        }
        Json.write(res, 201, Map.of("notes", notes.of(me.subject())));
    }

    private static String text(byte[] body) {
        try {
            return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)).get("text") instanceof String s ? s : null;
        } catch (ParseException e) {
            return null;
        }
    }
}
