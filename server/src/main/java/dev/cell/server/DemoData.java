package dev.cell.server;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.config.CellConfig;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.server.admin.UserAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.RandomValues;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The demo's clients and user, created on first start; their secrets are kept in {@code data/demo-credentials.properties}
 * (owner-only) so every demo start can print them again. Never used outside {@code --demo}.
 */
public final class DemoData {
    public static final String CONFIDENTIAL_CLIENT = "demo-client";
    /** Where the demo client app takes logout tokens (OpenID Connect Back-Channel Logout 1.0). */
    static final String DEMO_BACKCHANNEL_LOGOUT_URI = "http://localhost:8080/backchannel-logout";
    public static final String PUBLIC_CLIENT = "demo-spa";
    public static final String USERNAME = "demo";
    private static final Path FILE = CellHome.data("demo-credentials.properties");

    /** What the banner prints. */
    public record Credentials(String clientId, String clientSecret, String publicClientId, String username, String password) {}

    /** The demo APIs' scopes on the consent page (configuration may describe them otherwise); mcp.tools is the example MCP server's. */
    public static final Map<String, CellConfig.ScopeDescription> SCOPE_DESCRIPTIONS = Map.of(
            "notes.read", new CellConfig.ScopeDescription("Read your notes.", "读取你的笔记。"),
            "notes.write", new CellConfig.ScopeDescription("Create, change and delete your notes.", "创建、修改和删除你的笔记。"),
            "mcp.tools", new CellConfig.ScopeDescription("Use the tools of the demo MCP server as you.", "以你的身份使用演示 MCP 服务器的工具。"));

    private DemoData() {}

    public static Credentials ensure(ClientAdmin clients, UserAdmin users, RandomValues random) {
        Properties saved = load();
        String secret = saved.getProperty("client_secret");
        if (clients.find(CONFIDENTIAL_CLIENT).isEmpty()) {
            secret = clients.create(CONFIDENTIAL_CLIENT, ClientMetadata.builder().clientName("Cell demo web app")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("client_credentials", "authorization_code", "refresh_token"))
                    .redirectUris(List.of("http://localhost:8080/callback"))
                    .postLogoutRedirectUris(List.of("http://localhost:8080/")).backchannelLogoutUri(DEMO_BACKCHANNEL_LOGOUT_URI)
                    .scopes(Set.of("openid", "profile", "email", "offline_access", "notes.read", "notes.write"))
                    .audiences(List.of("http://localhost:8081")).build()).secret();
        } else if (clients.find(CONFIDENTIAL_CLIENT).orElseThrow().metadata().backchannelLogoutUri() == null) {
            // a demo database made before back-channel logout
            clients.update(CONFIDENTIAL_CLIENT, b -> b.backchannelLogoutUri(DEMO_BACKCHANNEL_LOGOUT_URI));
        }
        if (clients.find(PUBLIC_CLIENT).isEmpty()) {
            clients.create(PUBLIC_CLIENT, ClientMetadata.builder().clientName("Cell demo single-page app")
                    .tokenEndpointAuthMethod(ClientAuthMethod.NONE).grantTypes(Set.of("authorization_code", "refresh_token"))
                    .redirectUris(List.of("http://localhost:8082/callback"))
                    .postLogoutRedirectUris(List.of("http://localhost:8082/")).scopes(Set.of("openid", "profile", "notes.read"))
                    .audiences(List.of("http://localhost:8081")).build());
        }
        String password = saved.getProperty("password");
        if (!users.exists(USERNAME)) {
            password = random.next(12);
            users.create(USERNAME, password, Map.of("name", "Demo User", "email", "demo@example.com", "email_verified", true),
                    Set.of("ROLE_USER"));
        }
        Credentials credentials = new Credentials(CONFIDENTIAL_CLIENT, secret, PUBLIC_CLIENT, USERNAME, password);
        save(credentials);
        return credentials;
    }

    private static Properties load() {
        Properties p = new Properties();
        if (Files.exists(FILE)) {
            try (Reader r = Files.newBufferedReader(FILE)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + FILE, e);
            }
        }
        return p;
    }

    private static void save(Credentials c) {
        Properties p = new Properties();
        if (c.clientSecret() != null) {
            p.setProperty("client_secret", c.clientSecret());
        }
        if (c.password() != null) {
            p.setProperty("password", c.password());
        }
        try {
            StringWriter w = new StringWriter();
            p.store(w, "Cell demo credentials: demo mode only");
            OwnerOnly.write(FILE, w.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }
}
