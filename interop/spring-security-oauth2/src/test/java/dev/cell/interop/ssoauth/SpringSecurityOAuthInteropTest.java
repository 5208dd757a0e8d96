package dev.cell.interop.ssoauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.TestServer;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2RestTemplate;
import org.springframework.security.oauth2.client.token.grant.client.ClientCredentialsResourceDetails;
import org.springframework.security.oauth2.client.token.grant.password.ResourceOwnerPasswordResourceDetails;
import org.springframework.security.oauth2.common.OAuth2AccessToken;
import org.springframework.security.oauth2.common.exceptions.InvalidTokenException;
import org.springframework.security.oauth2.provider.OAuth2Authentication;
import org.springframework.security.oauth2.provider.token.DefaultTokenServices;
import org.springframework.security.oauth2.provider.token.RemoteTokenServices;
import org.springframework.security.oauth2.provider.token.store.JwtAccessTokenConverter;
import org.springframework.security.oauth2.provider.token.store.JwtTokenStore;

/**
 * The retired Spring Security OAuth 2.5.2's own classes against Cell: OAuth2RestTemplate obtains tokens, and a resource
 * server's RemoteTokenServices (check_token) and JwtAccessTokenConverter (token_key) accept them, and refuse a revoked one.
 */
class SpringSecurityOAuthInteropTest {
    static TestServer cell;
    static ClientAdmin.Created app;
    static ClientAdmin.Created resourceServer;

    @BeforeAll
    static void start() {
        cell = TestServer.start(Map.of("features.password.enabled", "true"));
        app = cell.clients.create("legacy-app", ClientMetadata.builder().clientName("Legacy app")
                .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .grantTypes(Set.of("client_credentials", "password", "refresh_token")).scopes(Set.of("read", "write"))
                .audiences(List.of("notes-api")).build());
        cell.clients.setLegacyTokenClaims("legacy-app", true);
        resourceServer = cell.confidentialClient("notes-api", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "none");
        cell.users.create("pat", "pat-password-1", Map.of(), Set.of("ROLE_USER"));
    }

    @AfterAll
    static void stop() {
        cell.close();
    }

    static OAuth2AccessToken clientCredentialsToken() {
        ClientCredentialsResourceDetails details = new ClientCredentialsResourceDetails();
        details.setAccessTokenUri(cell.url("/oauth/token"));
        details.setClientId("legacy-app");
        details.setClientSecret(app.secret());
        details.setScope(List.of("read"));
        return new OAuth2RestTemplate(details).getAccessToken();
    }

    static OAuth2AccessToken passwordToken() {
        ResourceOwnerPasswordResourceDetails details = new ResourceOwnerPasswordResourceDetails();
        details.setAccessTokenUri(cell.url("/oauth/token"));
        details.setClientId("legacy-app");
        details.setClientSecret(app.secret());
        details.setUsername("pat");
        details.setPassword("pat-password-1");
        details.setScope(List.of("read", "write"));
        return new OAuth2RestTemplate(details).getAccessToken();
    }

    static RemoteTokenServices remoteTokenServices() {
        RemoteTokenServices services = new RemoteTokenServices();
        services.setCheckTokenEndpointUrl(cell.url("/oauth/check_token"));
        services.setClientId("notes-api");
        services.setClientSecret(resourceServer.secret());
        return services;
    }

    @Test
    void oauth2RestTemplateGetsAClientCredentialsToken() {
        OAuth2AccessToken token = clientCredentialsToken();
        assertThat(token.getValue()).contains(".");
        assertThat(token.getTokenType()).isEqualToIgnoringCase("bearer");
        assertThat(token.getScope()).containsExactly("read");
        assertThat(token.getExpiresIn()).isPositive();
    }

    @Test
    void oauth2RestTemplateGetsAPasswordGrantTokenWithARefreshToken() {
        OAuth2AccessToken token = passwordToken();
        assertThat(token.getRefreshToken()).isNotNull();
        assertThat(token.getScope()).containsExactlyInAnyOrder("read", "write");
    }

    @Test
    void remoteTokenServicesValidatesThroughCheckToken() {
        OAuth2Authentication auth = remoteTokenServices().loadAuthentication(passwordToken().getValue());
        assertThat(auth.getName()).isEqualTo("pat");
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_USER");
        assertThat(auth.getOAuth2Request().getClientId()).isEqualTo("legacy-app");
        assertThat(auth.getOAuth2Request().getScope()).containsExactlyInAnyOrder("read", "write");
        assertThat(auth.getOAuth2Request().getResourceIds()).containsExactly("notes-api");
    }

    @Test
    void remoteTokenServicesRejectsARevokedToken() throws Exception {
        String token = passwordToken().getValue();
        assertThat(remoteTokenServices().loadAuthentication(token)).isNotNull();
        int revoked = cell.post("/oauth/revoke", "token=" + token, "Authorization", TestServer.basic("legacy-app", app.secret())).statusCode();
        assertThat(revoked).isEqualTo(200);
        assertThatThrownBy(() -> remoteTokenServices().loadAuthentication(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void jwtAccessTokenConverterVerifiesWithTheTokenKey() throws Exception {
        JsonNode tokenKey = Json.MAPPER.readTree(cell.get("/oauth/token_key").body());
        JwtAccessTokenConverter converter = new JwtAccessTokenConverter();
        converter.setVerifierKey(tokenKey.get("value").asText());
        converter.afterPropertiesSet();
        DefaultTokenServices services = new DefaultTokenServices();
        services.setTokenStore(new JwtTokenStore(converter));
        OAuth2Authentication auth = services.loadAuthentication(passwordToken().getValue());
        assertThat(auth.getName()).isEqualTo("pat");
        assertThat(auth.getOAuth2Request().getClientId()).isEqualTo("legacy-app");
        OAuth2Authentication clientOnly = services.loadAuthentication(clientCredentialsToken().getValue());
        assertThat(clientOnly.isClientOnly()).isTrue();
    }
}
