package dev.cell.demo.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;

/**
 * The app's side of OpenID Connect with Cell, through the Nimbus OAuth 2.0 SDK: discovery, the authorization code flow with
 * PKCE (RFC 7636), ID token validation (OIDC Core §3.1.3.7), UserInfo, refresh (RFC 6749 §6), RP-initiated logout and
 * back-channel logout tokens.
 */
final class CellOidc {
    static final Scope SCOPE = new Scope("openid", "profile", "email", "offline_access", "notes.read", "notes.write");
    private static final int TIMEOUT_MS = 5000;

    private final ClientSettings settings;
    private final ClientID clientId;
    private final Clock clock;
    private OIDCProviderMetadata metadata;
    private IDTokenValidator idTokens;
    private LogoutTokenValidator logoutTokens;

    CellOidc(ClientSettings settings, Clock clock) {
        this.settings = settings;
        this.clientId = new ClientID(settings.clientId());
        this.clock = clock;
    }

    /** Cell's discovery document (OIDC Discovery §4), fetched on first use so the app may start before Cell. */
    private synchronized OIDCProviderMetadata metadata() {
        if (metadata == null) {
            try {
                OIDCProviderMetadata found = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MS, TIMEOUT_MS);
                idTokens = new IDTokenValidator(found.getIssuer(), clientId, JWSAlgorithm.RS256, found.getJWKSetURI().toURL(),
                        new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024));
                logoutTokens = new LogoutTokenValidator(found.getIssuer(), clientId, true, new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                        JWKSourceBuilder.create(found.getJWKSetURI().toURL(), new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024))
                                .build()), null);
                metadata = found;
            } catch (GeneralException | IOException e) {
                throw new DemoException("Cell cannot be reached at " + settings.issuer(), e);
            }
        }
        return metadata;
    }

    URI authorizationUrl(PendingSignIn p) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, SCOPE, clientId, settings.callback())
                .endpointURI(metadata().getAuthorizationEndpointURI()).state(p.state()).nonce(p.nonce())
                .codeChallenge(p.verifier(), CodeChallengeMethod.S256).build().toURI();
    }

    /** Checks the RFC 9207 {@code iss} of an authorization response, which Cell always sends. */
    boolean fromCell(String iss) {
        return metadata().getIssuer().getValue().equals(iss);
    }

    /** Redeems the code with the PKCE verifier and validates the ID token against the sign-in's nonce. */
    SignedIn signIn(AuthorizationCode code, PendingSignIn pending) {
        Tokens tokens = tokenRequest(new AuthorizationCodeGrant(code, settings.callback(), pending.verifier()));
        if (!(tokens instanceof OIDCTokens oidcTokens)) {
            throw new DemoException("Cell sent no ID token");
        }
        try {
            String idToken = oidcTokens.getIDTokenString();
            IDTokenClaimsSet claims = idTokens.validate(JWTParser.parse(idToken), pending.nonce());
            return new SignedIn(claims.toJSONObject(), userInfo(oidcTokens.getBearerAccessToken(), claims.getSubject().getValue()), idToken,
                    tokenSet(tokens, null, 0));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new DemoException("Cell's ID token did not validate: " + e.getMessage(), e);
        }
    }

    /**
     * A logout token's claims once it validated (OIDC Back-Channel Logout 1.0 §2.6): signed with Cell's key, typed {@code logout+jwt},
     * for this app, fresh, with the back-channel logout event and without {@code nonce}.
     */
    LogoutTokenClaimsSet validateLogoutToken(JWT logoutToken) {
        metadata();
        try {
            return logoutTokens.validate(logoutToken);
        } catch (BadJOSEException | JOSEException e) {
            throw new DemoException("the logout token did not validate: " + e.getMessage(), e);
        }
    }

    /** The UserInfo claims (OIDC Core §5.3), whose {@code sub} must be the ID token's (§5.3.2). */
    private Map<String, Object> userInfo(BearerAccessToken accessToken, String subject) {
        HTTPRequest request = new UserInfoRequest(metadata().getUserInfoEndpointURI(), accessToken).toHTTPRequest();
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
        try {
            UserInfoResponse response = UserInfoResponse.parse(request.send());
            if (!response.indicatesSuccess()) {
                throw new DemoException("Cell's UserInfo endpoint refused: " + response.toErrorResponse().getErrorObject().getCode());
            }
            UserInfo info = response.toSuccessResponse().getUserInfo();
            if (!subject.equals(info.getSubject().getValue())) {
                throw new DemoException("UserInfo is about another subject than the ID token");
            }
            return info.toJSONObject();
        } catch (com.nimbusds.oauth2.sdk.ParseException | IOException e) {
            throw new DemoException("Cell's UserInfo endpoint did not answer properly", e);
        }
    }

    /** A new access token for the refresh token; Cell rotates refresh tokens, so the new one replaces the old. */
    TokenSet refresh(TokenSet old) {
        Tokens tokens = tokenRequest(new RefreshTokenGrant(new RefreshToken(old.refreshToken())));
        return tokenSet(tokens, old.refreshToken(), old.refreshes() + 1);
    }

    /** The end-session URL with the ID token as hint and the registered return address (RP-Initiated Logout §2). */
    URI logoutUrl(String idToken) {
        try {
            return new LogoutRequest(metadata().getEndSessionEndpointURI(), JWTParser.parse(idToken), settings.home(), null).toURI();
        } catch (ParseException e) {
            throw new DemoException("the stored ID token is unreadable", e);
        }
    }

    private TokenSet tokenSet(Tokens tokens, String previousRefresh, int refreshes) {
        RefreshToken refresh = tokens.getRefreshToken();
        return new TokenSet(tokens.getAccessToken().getValue(), refresh != null ? refresh.getValue() : previousRefresh,
                clock.instant().plusSeconds(tokens.getAccessToken().getLifetime()), refreshes);
    }

    private Tokens tokenRequest(AuthorizationGrant grant) {
        HTTPRequest request = new TokenRequest(metadata().getTokenEndpointURI(), new ClientSecretBasic(clientId, new Secret(settings.clientSecret())),
                grant).toHTTPRequest();
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
        try {
            TokenResponse response = OIDCTokenResponseParser.parse(request.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                throw new DemoException("Cell refused the token request: " + error.getCode() + " (" + error.getDescription() + ")");
            }
            return response.toSuccessResponse().getTokens();
        } catch (com.nimbusds.oauth2.sdk.ParseException | IOException e) {
            throw new DemoException("Cell's token endpoint did not answer properly", e);
        }
    }
}
