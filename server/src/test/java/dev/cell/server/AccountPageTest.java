package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account page (issue 22 item 3): a signed-in user ends one session or all, removes an application's access and
 * changes their password, each ending the grants it affects; every form refuses another browser's CSRF token and another
 * user's session.
 */
class AccountPageTest {
    static final String PASSWORD = "correct horse battery";
    static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
    static TestServer server;
    static SignedInApps apps;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        apps = new SignedInApps(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Browser browser(String userAgent) {
        Browser b = new Browser(server.url(""));
        b.headers.put("User-Agent", userAgent);
        return b;
    }

    static SignedInApps.Tokens signIn(Browser b, String user) {
        return apps.signIn(server, b, user, PASSWORD);
    }

    static String csrf(Browser b) {
        return Browser.hiddenFields(b.get("/account").body()).get("csrf");
    }

    static HttpResponse<String> post(Browser b, String path, String... fields) {
        Map<String, String> form = new HashMap<>();
        form.put("csrf", csrf(b));
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return b.post(path, form);
    }

    @Test
    void aBrowserSignsInOnThePageAndSeesItsSessionsDevicesAndApplications() {
        server.users.create("acc-ann", PASSWORD, Map.of(), Set.of());
        Browser phone = browser(PHONE);
        signIn(phone, "acc-ann");
        Browser laptop = browser(LAPTOP);

        HttpResponse<String> page = laptop.get("/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/account/login\"");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, String> form = new HashMap<>(Browser.hiddenFields(page.body()));
        form.put("username", "acc-ann");
        form.put("password", "wrong password");
        assertThat(laptop.post("/account/login", form).statusCode()).isEqualTo(401);
        form.put("password", PASSWORD);
        HttpResponse<String> in = laptop.post("/account/login", form);
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(Browser.location(in)).isEqualTo("/account");

        String body = laptop.get("/account").body();
        assertThat(body).contains("Signed in as acc-ann", "Firefox on Linux", "This device", "Chrome on Android", "From 127.0.0.1",
                "Applications: App web, App web-opaque", "App web", "Your profile");
        assertThat(body.indexOf("Firefox on Linux")).as("this device first").isLessThan(body.indexOf("Chrome on Android"));
    }

    @Test
    void endingAnotherSessionEndsItsGrantsAndKeepsThisOne() {
        server.users.create("acc-bob", PASSWORD, Map.of(), Set.of());
        Browser phone = browser(PHONE);
        SignedInApps.Tokens onPhone = signIn(phone, "acc-bob");
        Browser laptop = browser(LAPTOP);
        SignedInApps.Tokens onLaptop = signIn(laptop, "acc-bob");

        HttpResponse<String> ended = post(laptop, "/account/sessions/end", "session", onPhone.sid());
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(303);
        assertThat(Browser.location(ended)).isEqualTo("/account?done=session_ended");

        apps.assertEnded(server, onPhone);
        apps.assertAlive(server, onLaptop);
        assertThat(laptop.get("/account?done=session_ended").body()).contains("That device has been signed out.").doesNotContain(onPhone.sid());
        assertThat(phone.get("/account").body()).as("the phone must sign in again").contains("action=\"/account/login\"");
    }

    @Test
    void signingOutEverywhereEndsEverySessionThisOneToo() {
        server.users.create("acc-cy", PASSWORD, Map.of(), Set.of());
        SignedInApps.Tokens onPhone = signIn(browser(PHONE), "acc-cy");
        Browser laptop = browser(LAPTOP);
        SignedInApps.Tokens onLaptop = signIn(laptop, "acc-cy");

        HttpResponse<String> out = post(laptop, "/account/sessions/end", "all", "yes");
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("You have signed out.");

        apps.assertEnded(server, onPhone);
        apps.assertEnded(server, onLaptop);
        assertThat(laptop.get("/account").body()).contains("action=\"/account/login\"");
    }

    @Test
    void removingAnApplicationsAccessEndsItsGrantsAndAsksForConsentAgain() {
        server.users.create("acc-dee", PASSWORD, Map.of(), Set.of());
        Browser laptop = browser(LAPTOP);
        SignedInApps.Tokens t = signIn(laptop, "acc-dee");

        HttpResponse<String> removed = post(laptop, "/account/applications/revoke", "client_id", "web");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(303);

        assertThat(apps.active(server, t.access())).isFalse();
        assertThat(SignedInApps.userInfo(server, t.access())).isEqualTo(401);
        assertThat(apps.refresh(server, "web", t.refresh()).statusCode()).isEqualTo(400);
        assertThat(apps.active(server, t.opaqueAccess())).as("the other application keeps its access").isTrue();
        assertThat(laptop.get("/account?done=access_removed").body()).contains("no longer has access").doesNotContain("data-client=\"web\"");
        String again = Browser.location(laptop.get(SignedInApps.authorizePath("web")));
        assertThat(again).as("consent is asked again").startsWith("/oauth/confirm_access");
        assertThat(post(laptop, "/account/applications/revoke", "client_id", "web").statusCode()).as("nothing left to remove").isEqualTo(400);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEveryOtherSession() {
        server.users.create("acc-eve", PASSWORD, Map.of(), Set.of());
        SignedInApps.Tokens onPhone = signIn(browser(PHONE), "acc-eve");
        Browser laptop = browser(LAPTOP);
        SignedInApps.Tokens onLaptop = signIn(laptop, "acc-eve");
        String next = "a new horse battery";

        HttpResponse<String> wrong = post(laptop, "/account/password", "current_password", "not it at all", "new_password", next,
                "new_password_again", next);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is wrong.");
        assertThat(post(laptop, "/account/password", "current_password", PASSWORD, "new_password", next, "new_password_again", next + "!")
                .body()).contains("The two new passwords are not the same.");
        assertThat(post(laptop, "/account/password", "current_password", PASSWORD, "new_password", "short", "new_password_again", "short")
                .body()).contains("at least 8 characters");
        apps.assertAlive(server, onPhone);

        HttpResponse<String> changed = post(laptop, "/account/password", "current_password", PASSWORD, "new_password", next,
                "new_password_again", next);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(303);
        assertThat(Browser.location(changed)).isEqualTo("/account?done=password_changed");

        apps.assertEnded(server, onPhone);
        apps.assertAlive(server, onLaptop);
        assertThat(laptop.get("/account").body()).contains("Signed in as acc-eve");
        assertThat(server.database.stores().users().findByUsername("acc-eve").orElseThrow().passwordHash()).doesNotContain(next);
    }

    @Test
    void formsRefuseAnotherBrowsersCsrfTokenAndAnotherUsersSession() {
        server.users.create("acc-fay", PASSWORD, Map.of(), Set.of());
        server.users.create("acc-gus", PASSWORD, Map.of(), Set.of());
        Browser fay = browser(LAPTOP);
        SignedInApps.Tokens fays = signIn(fay, "acc-fay");
        Browser gus = browser(LAPTOP);
        signIn(gus, "acc-gus");
        String gusCsrf = csrf(gus);

        for (String[] action : new String[][] {{"/account/sessions/end", "all", "yes"}, {"/account/applications/revoke", "client_id", "web"},
                {"/account/password", "current_password", PASSWORD}}) {
            HttpResponse<String> forged = fay.post(action[0], Map.of("csrf", gusCsrf, action[1], action[2], "new_password", "x-new-password-1",
                    "new_password_again", "x-new-password-1"));
            assertThat(forged.statusCode()).as(action[0]).isEqualTo(400);
            assertThat(forged.body()).contains("CSRF");
        }
        HttpResponse<String> others = post(gus, "/account/sessions/end", "session", fays.sid());
        assertThat(others.statusCode()).as("gus cannot end fay's session").isEqualTo(400);
        apps.assertAlive(server, fays);
        assertThat(fay.get("/account").body()).contains("Signed in as acc-fay");
    }

    @Test
    void thePageSpeaksSimplifiedChinese() {
        server.users.create("acc-hua", PASSWORD, Map.of(), Set.of());
        Browser b = browser(PHONE);
        b.acceptLanguage = "zh-CN,zh;q=0.9";
        signIn(b, "acc-hua");
        String body = b.get("/account").body();
        assertThat(body).contains("lang=\"zh-CN\"", "你的账户", "已登录为 acc-hua", "Android 上的 Chrome", "当前设备", "退出所有设备", "修改密码");
        assertThat(b.get("/account?ui_locales=en").body()).contains("Your account");
    }
}
