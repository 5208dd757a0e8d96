package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.metadata.ServerMetadata;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pages a person can read: each page wholly in the language chosen ({@code ui_locales}, then {@code Accept-Language}),
 * error codes as sentences with the code in small print, a way to start again, described scopes, fields linked to
 * their error (WCAG 2.2 AA), and a Cancel on the logout confirmation.
 */
class PagesForPeopleTest {
    static final String REDIRECT = "https://notes.example:8443/callback";
    static final Pattern LATIN = Pattern.compile("[A-Za-z]{2,}");
    static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path descriptions = Files.createTempFile("scopes", ".yaml");
        Files.writeString(descriptions, """
                notes.read:
                  en: Read your notes.
                  zh-CN: 读取你的笔记。
                """);
        server = TestServer.start(Map.of("scopes.descriptions-file", descriptions.toString()));
        server.clients.create("web", ClientMetadata.builder().clientName("Notes")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of(REDIRECT)).scopes(Set.of("openid", "notes.read")).build());
        server.users.create("wen", "wen-password-1", Map.of(), Set.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What a person reads: the page's text without tags, the small print and the given identifiers. */
    static String readable(String html, String... identifiers) {
        String text = html.replaceAll("(?s)<head>.*</head>", "").replaceAll("(?s)<p class=\"fine\">.*?</p>", "")
                .replaceAll("(?s)<[^>]*>", " ").replace("Cell", "");
        for (String id : identifiers) {
            text = text.replace(id, "");
        }
        return text;
    }

    static Browser browser(String language) {
        Browser b = new Browser(server.url(""));
        b.acceptLanguage = language;
        return b;
    }

    @Test
    void anErrorPageIsWhollyInTheRequestedLanguageWithTheCodeInSmallPrint() throws Exception {
        String url = AuthorizationCodeFlowTest.authorizeUrl("nobody", REDIRECT, "openid", "&ui_locales=zh-CN");
        HttpResponse<String> zh = browser("en").get(url);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("<html lang=\"zh-CN\">", "<h1>出错了</h1>", "应用发来的请求无法被 Cell 接受。")
                .contains("<p class=\"fine\">技术信息： <code id=\"error-code\">invalid_request</code>");
        assertThat(readable(zh.body())).doesNotContainPattern(LATIN);

        HttpResponse<String> en = browser("zh-CN").get(AuthorizationCodeFlowTest.authorizeUrl("nobody", REDIRECT, "openid", "&ui_locales=en"));
        assertThat(en.body()).contains("<html lang=\"en\">", "The application sent a request Cell cannot accept.");
        assertThat(en.body()).doesNotContainPattern(CJK);
    }

    @Test
    void aBrokenQueryStillGetsTheErrorPage() {
        for (String query : List.of("ui_locales=%zz&client_id=x", "ui_locales=zh&ui_locales=en", "%zz")) {
            String r = RawHttp.exchange(server.config.server().port(), ("GET /oauth/authorize?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept-Language: zh-CN\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.status(r)).as(query).isEqualTo(400);
            assertThat(new String(r.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)).as(query).contains("<h1>出错了</h1>");
        }
    }

    @Test
    void everyErrorCodeOnTheErrorPageIsASentence() {
        HttpResponse<String> r = browser("zh-CN,zh;q=0.9").get("/oauth/error?error=access_denied&error_description=the+user+denied");
        assertThat(r.body()).contains("访问未被允许。", "<code id=\"error-code\">access_denied</code>",
                "<span id=\"error-description\" lang=\"en\">the user denied</span>");
        assertThat(readable(r.body())).doesNotContainPattern(LATIN);
        assertThat(browser("en").get("/oauth/error?error=made_up_code").body()).contains("The request cannot be completed.");
    }

    @Test
    void anExpiredSignInLinksBackToTheClientsHomePage() {
        HttpResponse<String> r = browser("en").get("/oauth/login?request=gone&client_id=web");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("This sign-in took too long or was opened in another browser.")
                .contains("<a class=\"button\" id=\"start-again\" href=\"https://notes.example:8443/\">Start again</a>");
        HttpResponse<String> zh = browser("zh-CN").post("/oauth/confirm_access", Map.of("request", "gone", "client_id", "web", "csrf", "x"));
        assertThat(zh.body()).contains("请从应用重新开始。", ">重新开始</a>");
        assertThat(readable(zh.body(), "https://notes.example:8443/")).doesNotContainPattern(LATIN);
        assertThat(browser("en").get("/oauth/login?request=gone").body()).doesNotContain("start-again");
        assertThat(browser("en").get("/oauth/login?request=gone&client_id=nobody").body()).doesNotContain("start-again");
    }

    @Test
    void theConsentPageDescribesConfiguredScopesInThePagesLanguage() throws Exception {
        for (String language : List.of("en", "zh-CN")) {
            Browser b = browser(language);
            String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid notes.read", "")));
            HttpResponse<String> consent = b.get(Browser.location(AuthorizationCodeFlowTest.login(b, login, "wen", "wen-password-1")));
            assertThat(consent.statusCode()).isEqualTo(200);
            if (language.equals("en")) {
                assertThat(consent.body()).contains("<strong>notes.read</strong><span>Read your notes.</span>").doesNotContainPattern(CJK);
            } else {
                assertThat(consent.body()).contains("<strong>notes.read</strong><span>读取你的笔记。</span>");
                assertThat(readable(consent.body(), "notes.read", "wen", "Notes", URI.create(REDIRECT).getHost())).doesNotContainPattern(LATIN);
            }
        }
    }

    @Test
    void aWrongPasswordMarksTheFieldsAndFocusesThePassword() throws Exception {
        Browser b = browser("en");
        String login = Browser.location(b.get(AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", "")));
        HttpResponse<String> first = b.get(login);
        assertThat(input(first.body(), "username")).contains(" autofocus").doesNotContain("aria-invalid");
        assertThat(input(first.body(), "password")).doesNotContain("autofocus", "aria-invalid");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(first.body()));
        form.put("username", "wen");
        form.put("password", "wrong-password");
        HttpResponse<String> failed = b.post("/oauth/login", form);
        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(failed.body()).contains("<p class=\"error\" role=\"alert\" id=\"error\">");
        assertThat(input(failed.body(), "password")).contains("aria-invalid=\"true\"", "aria-describedby=\"error\"", " autofocus");
        assertThat(input(failed.body(), "username")).contains("aria-invalid=\"true\"", "aria-describedby=\"error\"")
                .doesNotContain("autofocus");
    }

    @Test
    void theLogoutConfirmationHasACancelThatKeepsTheSession() throws Exception {
        Browser b = browser("en");
        String callback = AuthorizationCodeFlowTest.codeFor(b, AuthorizationCodeFlowTest.authorizeUrl("web", REDIRECT, "openid", ""),
                "wen", "wen-password-1");
        assertThat(callback).startsWith(REDIRECT);
        HttpResponse<String> confirm = b.get("/oauth/logout");
        assertThat(confirm.body()).contains("<button type=\"submit\" name=\"confirm\" value=\"no\" class=\"secondary\" id=\"cancel\">Cancel</button>");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(confirm.body()));
        form.put("confirm", "no");
        HttpResponse<String> cancelled = b.post("/oauth/logout", form);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("You are still signed in.");
        assertThat(b.get("/oauth/logout").body()).contains("id=\"cancel\"");
    }

    @Test
    void discoveryNamesThePageLanguagesAndEachHasAWholeBundle() throws Exception {
        JsonNode metadata = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertThat(metadata.get("ui_locales_supported").toString()).isEqualTo("[\"en\",\"zh-CN\"]");
        Map<String, Set<String>> keys = new HashMap<>();
        for (String tag : ServerMetadata.UI_LOCALES) {
            assertThat(dev.cell.server.web.Messages.choose(tag, null).languageTag()).isEqualTo(tag);
            java.util.Properties p = new java.util.Properties();
            String file = tag.equals("en") ? "messages.properties" : "messages_" + tag.replace('-', '_') + ".properties";
            try (var in = getClass().getResourceAsStream("/i18n/" + file)) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            keys.put(tag, p.stringPropertyNames());
        }
        assertThat(keys.get("zh-CN")).isEqualTo(keys.get("en"));
    }

    private static String input(String html, String id) {
        var m = Pattern.compile("<input id=\"" + id + "\"[^>]*>").matcher(html);
        assertThat(m.find()).as("input " + id).isTrue();
        return m.group();
    }
}
