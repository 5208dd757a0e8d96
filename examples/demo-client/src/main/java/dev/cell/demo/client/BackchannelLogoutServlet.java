package dev.cell.demo.client;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.BackChannelLogoutRequest;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /backchannel-logout}: Cell's logout token (OIDC Back-Channel Logout 1.0 §2.5), checked as §2.6 asks (signature by
 * Cell's JWKS, {@code typ logout+jwt}, {@code iss}, {@code aud}, {@code iat}/{@code exp}, the event, no {@code nonce}); the app's
 * session of that Cell session ends. 200 when done, 400 with {@code invalid_request} otherwise (§2.8).
 */
final class BackchannelLogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient CellOidc oidc;

    BackchannelLogoutServlet(CellOidc oidc) {
        this.oidc = oidc;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Cache-Control", "no-store");
        Map<String, List<String>> form = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> form.put(k, Arrays.asList(v)));
        try {
            LogoutTokenClaimsSet claims = oidc.validateLogoutToken(BackChannelLogoutRequest.parse(form).getLogoutToken());
            EndedSessions.of(getServletContext()).end(claims.getSessionID() == null ? null : claims.getSessionID().getValue(),
                    claims.getSubject() == null ? null : claims.getSubject().getValue());
            res.setStatus(200);
        } catch (ParseException | DemoException e) {
            res.setStatus(400);
            res.setContentType("application/json");
            res.getOutputStream().write(("{\"error\":\"invalid_request\",\"error_description\":\"the logout token did not validate\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
