package dev.cell.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenarios' unmeasured set-up, as the client and its user's browser: signs a user in through Cell's pages
 * (authorization request, login form with its CSRF token, redirect back with a code; RFC 6749 §4.1.1–§4.1.2) keeping
 * the cookies, redeems codes and fetches tokens; also builds the scenarios' requests for this client.
 */
final class SetupClient {
    /** RFC 7636 Appendix B: a verifier and its S256 challenge. */
    static final String CODE_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CODE_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String STATE = "bench";

    private static final Pattern HIDDEN = Pattern.compile("name=\"(request|csrf)\" value=\"([^\"]*)\"");

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final String scope;
    private final String username;
    private final String password;

    /** @param username the user who signs in ({@link #signIn}), with the password */
    SetupClient(URI tokenEndpoint, String clientId, String clientSecret, String redirectUri, String scope, String username,
            String password, int timeoutMillis) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(timeoutMillis)).build();
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        this.scope = scope;
        this.username = username;
        this.password = password;
    }

    /** A signed-in browser: its Cookie header, and the code its sign-in ended with. */
    record Session(String cookie, String code) {}

    /** The authorization request of the scenarios (PKCE S256, fixed state). */
    URI authorizationRequest() {
        return tokenEndpoint.resolve("authorize?response_type=code&client_id=" + RawRequest.form(clientId)
                + "&redirect_uri=" + RawRequest.form(redirectUri) + "&scope=" + RawRequest.form(scope)
                + "&state=" + STATE + "&code_challenge=" + CODE_CHALLENGE + "&code_challenge_method=S256");
    }

    /** The form body that redeems a code at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.5). */
    String codeExchangeBody(String code) {
        return "grant_type=authorization_code&code=" + RawRequest.form(code) + "&redirect_uri=" + RawRequest.form(redirectUri)
                + "&code_verifier=" + CODE_VERIFIER;
    }

    String authorization() {
        return RawRequest.basic(clientId, clientSecret);
    }

    URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** Runs the sign-in of a new browser: authorization request, login page, login form; needs a first-party client. */
    Session signIn() throws IOException, InterruptedException {
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> start = send(HttpRequest.newBuilder(authorizationRequest()).GET(), cookies);
        URI loginPage = redirect(start, "the authorization request");
        HttpResponse<String> page = send(HttpRequest.newBuilder(loginPage).GET(), cookies);
        if (page.statusCode() != 200) {
            throw new IOException("login page answered " + page.statusCode() + ": " + snippet(page.body()));
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(m.group(1), m.group(2));
        }
        if (hidden.size() != 2) {
            throw new IOException("no login form on " + loginPage);
        }
        String form = "request=" + RawRequest.form(hidden.get("request")) + "&csrf=" + RawRequest.form(hidden.get("csrf"))
                + "&username=" + RawRequest.form(username) + "&password=" + RawRequest.form(password);
        HttpResponse<String> login = send(HttpRequest.newBuilder(loginPage.resolve("/oauth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)), cookies);
        URI back = redirect(login, "the login (wrong user or password?)");
        if (back.getPath().equals("/oauth/confirm_access")) {
            throw new IOException("the login led to the consent page: register the client as first-party (--first-party)");
        }
        String code = queryParameter(back.getRawQuery(), "code");
        if (code == null) {
            throw new IOException("the login did not end with a code: " + back);
        }
        return new Session(cookieHeader(cookies), code);
    }

    /** Redeems a code; the token response's JSON. */
    String redeem(String code) throws IOException, InterruptedException {
        return tokenRequest(codeExchangeBody(code));
    }

    /** A token request with this client's Basic authentication; the JSON of a 200 answer. */
    String tokenRequest(String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(tokenEndpoint).header("Authorization", authorization())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("token endpoint answered " + r.statusCode() + ": " + snippet(r.body()));
        }
        return r.body();
    }

    /** The value of one query parameter (URL-decoded), or null. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> cookies) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookieHeader(cookies));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : r.headers().allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return r;
    }

    private static String cookieHeader(Map<String, String> cookies) {
        StringBuilder header = new StringBuilder();
        cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return header.toString();
    }

    private static URI redirect(HttpResponse<String> r, String what) throws IOException {
        String location = r.headers().firstValue("location").orElse(null);
        if (r.statusCode() / 100 != 3 || location == null) {
            throw new IOException(what + " answered " + r.statusCode() + " instead of a redirect: " + snippet(r.body()));
        }
        return r.uri().resolve(location);
    }

    private static String snippet(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
