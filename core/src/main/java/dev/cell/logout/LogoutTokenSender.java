package dev.cell.logout;

import java.util.Optional;

/** Posts a logout token to a relying party's {@code backchannel_logout_uri} (OIDC Back-Channel Logout 1.0 §2.5). */
@FunctionalInterface
public interface LogoutTokenSender {
    /** @return empty when the relying party answered 2xx (§2.8), else why the delivery failed (no secret in it) */
    Optional<String> send(String backchannelLogoutUri, String logoutToken);
}
