package dev.cell.demo.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The app's pages as plain HTML; every value is escaped. */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2733}"
            + "h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.6rem}table{border-collapse:collapse;width:100%}"
            + "td,th{border-bottom:1px solid #dde3ea;padding:.3rem .5rem;text-align:left;font-size:.9rem;word-break:break-all}"
            + "button,.button{background:#1f6feb;color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;font-size:1rem;cursor:pointer;"
            + "text-decoration:none;display:inline-block}.muted{color:#5b6776}.error{color:#b42318}input[type=text]{padding:.45rem;width:60%}";

    private Html() {}

    static String signedOut(String message) {
        return page("<p>This app is the <em>client</em> of the demo: it signs you in with <strong>Cell</strong> (the authorization server) "
                + "and reads your notes from the <em>notes API</em> (the resource server) with the access token Cell gives it.</p>"
                + (message == null ? "" : "<p class=error id=message>" + esc(message) + "</p>")
                + "<p><a class=button id=signin href=\"/login\">Sign in with Cell</a></p>");
    }

    /** The signed-in page: who, the ID token's claims, what the API said, the token's state, and the forms. */
    static String signedIn(SignedIn user, NotesApi.Answer me, NotesApi.Answer notes, String csrf) {
        TokenSet t = user.tokens();
        StringBuilder b = new StringBuilder();
        b.append("<p>Signed in as <strong id=who>").append(esc(String.valueOf(user.userInfo().getOrDefault("name",
                user.idTokenClaims().get("sub"))))).append("</strong></p>");
        b.append("<h2>ID token claims</h2>").append(table("claims", user.idTokenClaims()));
        b.append("<h2>UserInfo</h2>").append(table("userinfo", user.userInfo()));
        b.append("<h2>From the notes API</h2>");
        b.append("<p id=api-me>").append(me.status() == 200 ? "GET /api/me: " + esc(new TreeMap<>(me.json()).toString()) : refusal(me)).append("</p>");
        b.append(notesList(notes));
        b.append("<form method=post action=\"/notes\"><input type=\"hidden\" name=\"csrf\" value=\"").append(esc(csrf))
                .append("\"><input type=text id=note-text name=text maxlength=500 placeholder=\"A new note\"> <button id=add-note>Add</button></form>");
        b.append("<p class=muted id=token-info>Access token expires at ").append(TIME.format(t.expiresAt())).append("; refreshed ")
                .append(t.refreshes()).append(t.refreshes() == 1 ? " time" : " times").append(".</p>");
        b.append("<form method=post action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"").append(esc(csrf))
                .append("\"><button id=signout>Sign out</button></form>");
        return page(b.toString());
    }

    static String error(String message) {
        return page("<p class=error id=message>" + esc(message) + "</p><p><a href=\"/\">Back</a></p>");
    }

    private static String table(String id, Map<String, Object> claims) {
        StringBuilder b = new StringBuilder("<table id=").append(id).append('>');
        new TreeMap<>(claims).forEach((k, v) -> b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(String.valueOf(v))).append("</td></tr>"));
        return b.append("</table>").toString();
    }

    private static String notesList(NotesApi.Answer notes) {
        if (notes.status() != 200) {
            return "<p id=notes>" + refusal(notes) + "</p>";
        }
        List<?> items = notes.json().get("notes") instanceof List<?> l ? l : List.of();
        if (items.isEmpty()) {
            return "<p id=notes class=muted>No notes yet.</p>";
        }
        StringBuilder b = new StringBuilder("<ul id=notes>");
        items.forEach(n -> b.append("<li>").append(esc(String.valueOf(n))).append("</li>"));
        return b.append("</ul>").toString();
    }

    private static String refusal(NotesApi.Answer a) {
        Map<String, Object> json = a.json();
        return "<span class=error>The notes API answered " + a.status() + " " + esc(String.valueOf(json.getOrDefault("error", ""))) + " "
                + esc(String.valueOf(json.getOrDefault("error_description", ""))) + "</span>";
    }

    private static String page(String body) {
        return "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\">"
                + "<title>Cell demo app</title><style>" + STYLE + "</style></head><body><h1>Cell demo app</h1>" + body + "</body></html>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
