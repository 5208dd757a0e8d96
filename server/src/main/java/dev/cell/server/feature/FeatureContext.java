package dev.cell.server.feature;

import dev.cell.account.LoginRateLimiter;
import dev.cell.account.PasswordHasher;
import dev.cell.assertion.AssertionKeys;
import dev.cell.assertion.AssertionRules;
import dev.cell.authorize.AuthorizationRequestValidator;
import dev.cell.authorize.RequestObjects;
import dev.cell.client.ClientAuthentication;
import dev.cell.client.ClientRegistry;
import dev.cell.config.CellConfig;
import dev.cell.dpop.DPoPVerifier;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.grant.ServerGrants;
import dev.cell.server.AuditLog;
import dev.cell.server.web.BrowserCookies;
import dev.cell.server.web.Pages;
import dev.cell.server.web.ScopeTexts;
import dev.cell.server.web.SignedInUsers;
import dev.cell.session.LoginSessionService;
import dev.cell.session.GrantRecorder;
import dev.cell.store.Stores;
import dev.cell.token.AccessTokenValidator;
import dev.cell.token.GrantRevoker;
import dev.cell.token.IssuedJwtVerifier;
import dev.cell.token.RandomValues;
import dev.cell.token.RefreshTokenService;
import java.net.URI;
import java.time.Clock;

/**
 * The shared pieces of a node a {@link Feature} builds its parts from; every one built once by the composition root.
 *
 * @param database where a feature builds its own store ({@code new JdbcXStore(database)})
 * @param stores the stores every part shares (clients, users, tokens, ...)
 * @param authentication client authentication with every method the token endpoint accepts
 * @param dpop the DPoP proof verifier (RFC 9449), or null when DPoP is off
 * @param tokens validates the access tokens this server issued (JWT or opaque)
 * @param jwts verifies JWTs this server signed
 * @param refreshTokens refresh tokens, or null when they are off
 * @param authorization the authorization endpoint's request checks, or null when the authorization code flow is off
 * @param keys the signing keys, for features that sign JWTs of their own
 * @param web the pieces of the browser pages, or null when the authorization code flow (and so its login page) is off
 * @param grants the grant types of every switched-on feature, which clients may be registered with
 */
public record FeatureContext(CellConfig config, Database database, Stores stores, MasterKey masterKey, Clock clock, RandomValues random,
        ClientRegistry clients, ClientAuthentication authentication, DPoPVerifier dpop, AuditLog audit, PasswordHasher passwords,
        AccessTokenValidator tokens, IssuedJwtVerifier jwts, AssertionRules assertionRules, AssertionKeys assertionKeys, GrantRevoker revoker,
        GrantRecorder recorder, RefreshTokenService refreshTokens, Authorization authorization, KeyService keys,
        Web web, ServerGrants grants) {

    /**
     * What the authorization endpoint checks a request with, for features that take authorization requests too (RFC 9126 §2.1).
     *
     * @param requestObjects request objects (RFC 9101), or null when they are off
     */
    public record Authorization(AuthorizationRequestValidator requests, RequestObjects requestObjects) {}

    /**
     * What a feature's browser pages share with the login and consent pages: templates, cookies (with CSRF), login sessions, the
     * signed-in user, and the scope texts of the consent page.
     */
    public record Web(Pages pages, BrowserCookies cookies, LoginSessionService sessions, SignedInUsers signedIn, ScopeTexts scopeTexts) {}

    /** The login attempt limits (login.*), shared by every password check. */
    public LoginRateLimiter loginLimiter() {
        CellConfig.Login login = config.login();
        return new LoginRateLimiter(stores.loginFailures(), stores.knownBrowsers(), login.maxFailuresPerAccount(), login.maxFailuresPerIp(),
                login.failureWindow(), login.knownBrowserLifetime(), clock);
    }

    /** The largest request body accepted ({@code server.max-request-bytes}). */
    public int maxRequestBytes() {
        return config.server().maxRequestBytes();
    }

    /** The URL of an endpoint path under the issuer, e.g. for a DPoP proof's {@code htu}. */
    public URI endpoint(String path) {
        return URI.create(config.endpoint(path));
    }
}
