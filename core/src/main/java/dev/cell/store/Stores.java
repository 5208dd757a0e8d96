package dev.cell.store;

/** Every store, as one value the composition root passes around. */
public record Stores(
        ClientStore clients,
        UserStore users,
        SigningKeyStore signingKeys,
        AuthorizationCodeStore authorizationCodes,
        TokenStore tokens,
        GrantStore grants,
        RevokedTokenStore revokedTokens,
        ConsentStore consents,
        LoginSessionStore loginSessions,
        PendingAuthorizationStore pendingAuthorizations,
        PushedAuthorizationStore pushedAuthorizations,
        LoginFailureStore loginFailures,
        KnownBrowserStore knownBrowsers,
        UsedJtiStore usedJtis,
        AuditStore audit,
        InitialAccessTokenStore initialAccessTokens,
        ClientRegistrationStore clientRegistrations) {}
