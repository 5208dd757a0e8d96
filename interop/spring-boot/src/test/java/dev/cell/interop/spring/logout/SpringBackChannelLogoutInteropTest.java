package dev.cell.interop.spring.logout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.interop.spring.SpringLoginApp;
import dev.cell.logout.LogoutDelivery;
import dev.cell.server.Browser;
import dev.cell.server.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spring Security's OIDC Back-Channel Logout support ({@code http.oidcLogout(l -> l.backChannel(...))}) accepts Cell's logout
 * tokens: a user signed in to a Spring Boot app through Cell signs out at Cell, Cell posts a logout token to the app's
 * {@code backchannel_logout_uri}, Spring validates it and invalidates the app's session of that {@code sid}, and another session
 * of the same user stays.
 */
class SpringBackChannelLogoutInteropTest {
    @Test
    void signingOutAtCellEndsTheSpringSession() throws Exception {
        try (TestServer cell = TestServer.start()) {
            try (SpringLoginApp spring = SpringLoginApp.start(cell, CellBackChannelLogoutApp.class)) {
                String app = spring.url();
                // Spring Security's back-channel logout endpoint for the registration "cell"
                cell.clients.update("spring-app", m -> m.backchannelLogoutUri(app + "/logout/connect/back-channel/cell"));

                Browser laptop = new Browser(cell.url(""));
                Browser phone = new Browser(cell.url(""));
                assertThat(signIn(cell, laptop, app).body()).startsWith("signed in as alice@example.com");
                assertThat(signIn(cell, phone, app).body()).startsWith("signed in as alice@example.com");

                // alice signs out at Cell on the laptop (Cell's own page, not through the app)
                Map<String, String> confirm = new HashMap<>(Browser.hiddenFields(laptop.get("/oauth/logout").body()));
                confirm.put("confirm", "yes");
                assertThat(laptop.post("/oauth/logout", confirm).statusCode()).isEqualTo(200);

                HttpResponse<String> after = laptop.get(app + "/");
                for (int i = 0; i < 100 && after.statusCode() == 200; i++) {
                    Thread.sleep(50);
                    after = laptop.get(app + "/");
                }
                assertThat(after.statusCode()).as("Spring's session ended: the app sends the browser to sign in again").isEqualTo(302);
                assertThat(Browser.location(after)).contains("/oauth2/authorization/cell");
                assertThat(phone.get(app + "/").statusCode()).as("the phone's Cell session did not end").isEqualTo(200);
                List<LogoutDelivery> delivered = cell.database.stores().logoutDeliveries().list(LogoutDelivery.Status.DELIVERED, null, null, 10);
                assertThat(delivered).as("Spring answered 200 to Cell's logout token").hasSize(1);
            }
        }
    }

    /** The code flow as a browser does it, through Cell's login and consent pages; returns the app's home page. */
    private static HttpResponse<String> signIn(TestServer cell, Browser b, String app) {
        String toSpringLogin = Browser.location(b.get(app + "/"));
        String authorize = Browser.location(b.get(toSpringLogin.startsWith("http") ? toSpringLogin : app + toSpringLogin));
        String next = Browser.location(b.get(authorize));
        if (next.startsWith("/oauth/login")) {
            Map<String, String> form = new HashMap<>(Browser.hiddenFields(b.get(next).body()));
            form.put("username", SpringLoginApp.USERNAME);
            form.put("password", SpringLoginApp.PASSWORD);
            next = Browser.location(b.post("/oauth/login", form));
        }
        if (next.startsWith("/oauth/confirm_access")) {
            Map<String, String> allow = new HashMap<>(Browser.hiddenFields(b.get(next).body()));
            allow.put("decision", "allow");
            next = Browser.location(b.post("/oauth/confirm_access", allow));
        }
        assertThat(next).startsWith(app + "/login/oauth2/code/cell?code=");
        String afterLogin = Browser.location(b.get(next));
        HttpResponse<String> home = b.get(afterLogin.startsWith("http") ? afterLogin : app + afterLogin);
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        return home;
    }
}
