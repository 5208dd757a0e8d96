package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.cell.client.ClientAuthMethod;
import dev.cell.client.ClientMetadata;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A client library nobody here wrote (Nimbus oauth2-oidc-sdk) runs the whole flow against Cell and validates the ID token. */
class NimbusClientInteropTest {

    @Test
    void nimbusRunsTheCodeFlowWithPkceAndValidatesTheIdToken() throws Exception {
        try (TestServer server = TestServer.start()) {
            URI redirect = URI.create("https://rp.example/cb");
            ClientAdmin.Created rp = server.clients.create("nimbus-rp", ClientMetadata.builder().clientName("Nimbus RP")
                    .tokenEndpointAuthMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                    .grantTypes(Set.of("authorization_code", "refresh_token")).redirectUris(List.of(redirect.toString()))
                    .scopes(Set.of("openid", "email", "offline_access")).firstParty(true).build());
            server.users.create("erin", "erin-password-1", Map.of("email", "erin@example.com", "email_verified", true), Set.of());

            OIDCProviderMetadata op = OIDCProviderMetadata.resolve(new Issuer(server.config.issuer()));
            assertThat(op.getAuthorizationEndpointURI().toString()).isEqualTo(server.url("/oauth/authorize"));

            ClientID clientId = new ClientID("nimbus-rp");
            State state = new State();
            Nonce nonce = new Nonce();
            CodeVerifier verifier = new CodeVerifier();
            AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "email", "offline_access"),
                    clientId, redirect).endpointURI(op.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                    .codeChallenge(verifier, CodeChallengeMethod.S256).build();

            Browser browser = new Browser(server.url(""));
            String callback = AuthorizationCodeFlowTest.codeFor(browser, request.toURI().toString(), "erin", "erin-password-1");
            AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(callback));
            assertThat(response.indicatesSuccess()).isTrue();
            AuthenticationSuccessResponse success = response.toSuccessResponse();
            assertThat(success.getState()).isEqualTo(state);
            assertThat(success.getIssuer().getValue()).isEqualTo(server.config.issuer().toString());
            AuthorizationCode code = success.getAuthorizationCode();

            ClientSecretBasic auth = new ClientSecretBasic(clientId, new Secret(rp.secret()));
            TokenResponse tokenResponse = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(), auth,
                    new AuthorizationCodeGrant(code, redirect, verifier)).toHTTPRequest().send());
            assertThat(tokenResponse.indicatesSuccess()).as(tokenResponse.toString()).isTrue();
            OIDCTokenResponse tokens = (OIDCTokenResponse) tokenResponse.toSuccessResponse();

            IDTokenValidator validator = new IDTokenValidator(new Issuer(server.config.issuer()), clientId, JWSAlgorithm.RS256,
                    op.getJWKSetURI().toURL());
            IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
            AccessTokenValidator.validate(tokens.getOIDCTokens().getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
            assertThat(claims.getAuthenticationTime()).isNotNull();

            UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(op.getUserInfoEndpointURI(),
                    tokens.getOIDCTokens().getBearerAccessToken()).toHTTPRequest().send());
            assertThat(userInfo.indicatesSuccess()).isTrue();
            assertThat(userInfo.toSuccessResponse().getUserInfo().getSubject()).isEqualTo(claims.getSubject());
            assertThat(userInfo.toSuccessResponse().getUserInfo().getEmailAddress()).isEqualTo("erin@example.com");

            TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(op.getTokenEndpointURI(), auth,
                    new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken())).toHTTPRequest().send());
            assertThat(refreshed.indicatesSuccess()).isTrue();
            assertThat(refreshed.toSuccessResponse().getTokens().getRefreshToken()).isNotEqualTo(tokens.getOIDCTokens().getRefreshToken());
        }
    }
}
