package dev.cell.store;

/**
 * The stores every part of the server shares, as one value the composition root passes around. An optional feature's own store
 * (e.g. pushed authorization requests) is not here: the feature builds it from the database itself.
 */
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
        LoginFailureStore loginFailures,
        KnownBrowserStore knownBrowsers,
        UsedJtiStore usedJtis,
        AuditStore audit,
        InitialAccessTokenStore initialAccessTokens,
        ClientRegistrationStore clientRegistrations,
        LogoutDeliveryStore logoutDeliveries) {}
