package dev.cell.interop.spring;

import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot OAuth2 login app (OIDC Core §3.1) signed in through Cell: the user alice, the confidential client
 * {@code spring-app}, and the app started on a free 127.0.0.1 port with Cell as provider {@code cell}, known by its issuer.
 */
public record SpringLoginApp(ConfigurableApplicationContext context, String url) implements AutoCloseable {
    public static final String USERNAME = "alice";
    public static final String PASSWORD = "alice-password-1";

    /** Registers alice and {@code spring-app} at {@code cell}, then starts {@code app} (a {@code @SpringBootApplication}). */
    public static SpringLoginApp start(TestServer cell, Class<?> app) {
        cell.users.create(USERNAME, PASSWORD, Map.of("email", "alice@example.com", "email_verified", true), Set.of());
        ClientAdmin.Created client = cell.clients.create("spring-app", ClientMetadata.builder().clientName("Spring app")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).grantTypes(Set.of("authorization_code"))
                .redirectUris(List.of("http://127.0.0.1/login/oauth2/code/cell"))
                .scopes(Set.of("openid", "profile", "email")).build());
        ConfigurableApplicationContext spring = new SpringApplicationBuilder(app).properties(
                "server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
                "spring.security.oauth2.client.provider.cell.issuer-uri=" + cell.config.issuer(),
                "spring.security.oauth2.client.registration.cell.client-id=spring-app",
                "spring.security.oauth2.client.registration.cell.client-secret=" + client.secret(),
                "spring.security.oauth2.client.registration.cell.scope=openid,profile,email").run();
        return new SpringLoginApp(spring, "http://127.0.0.1:" + ((WebServerApplicationContext) spring).getWebServer().getPort());
    }

    @Override
    public void close() {
        context.close();
    }
}
