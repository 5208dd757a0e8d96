package dev.cell.server.endpoint;

import dev.cell.dpop.DPoPVerifier;
import dev.cell.error.OAuthException;
import dev.cell.event.AuditEvent;
import dev.cell.event.AuditSink;
import dev.cell.grant.TokenRequestProcessor;
import dev.cell.grant.TokenResponse;
import dev.cell.server.http.FormRequest;
import dev.cell.server.http.Responses;
import dev.cell.token.Json;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.Map;

/**
 * The token endpoint {@code /oauth/token} (RFC 6749 §3.2): POST, form-encoded, answers per §5.1 and §5.2; every outcome
 * goes to the audit trail with the kinds of tokens issued, never their values (RFC 9700 §4.14).
 */
public final class TokenEndpoint {
    public static final String EVENT = "token.issued";
    /** The audit detail naming the access token's format ({@code jwt} or {@code opaque}). */
    public static final String FORMAT = "access_token_format";

    private final TokenRequestProcessor processor;
    private final AuditSink audit;
    private final int maxRequestBytes;
    private final DPoPVerifier dpop;

    /** @param dpop the DPoP verifier, or null when DPoP is off */
    public TokenEndpoint(TokenRequestProcessor processor, AuditSink audit, int maxRequestBytes, DPoPVerifier dpop) {
        this.processor = processor;
        this.audit = audit;
        this.maxRequestBytes = maxRequestBytes;
        this.dpop = dpop;
    }

    public void handle(Context ctx) {
        FormRequest request = null;
        TokenRequestProcessor.Result result;
        try {
            request = FormRequest.read(ctx, maxRequestBytes);
            result = processor.process(request.basic(), request.parameters(), ctx.ip(),
                    Collections.list(ctx.req().getHeaders(DPoPVerifier.HEADER)));
        } catch (OAuthException e) {
            audit.record(new AuditEvent(EVENT, AuditEvent.FAILURE, null, request == null ? null : presentedClientId(request), ctx.ip(),
                    Map.of()).with("grant_type", request == null ? null : request.parameters().get("grant_type"))
                    .with("error", e.error().code()).with("reason", e.reason()));
            throw e;
        }
        TokenResponse r = result.response();
        audit.record(AuditEvent.success(EVENT, r.subject(), result.client().clientId(), ctx.ip())
                .with("grant_type", result.grantType()).with("tokens", kinds(r)).with("scope", r.scope())
                .with(FORMAT, result.client().accessTokenFormat().value()));
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("access_token", r.accessToken());
            if (r.issuedTokenType() != null) {
                g.writeStringField("issued_token_type", r.issuedTokenType());
            }
            g.writeStringField("token_type", r.tokenType());
            g.writeNumberField("expires_in", r.expiresIn());
            if (r.scope() != null) {
                g.writeStringField("scope", r.scope());
            }
            if (r.refreshToken() != null) {
                g.writeStringField("refresh_token", r.refreshToken());
            }
            if (r.idToken() != null) {
                g.writeStringField("id_token", r.idToken());
            }
            g.writeEndObject();
        });
        String nonce = dpop == null ? null : dpop.currentNonce();
        if (nonce != null) {
            ctx.header(DPoPVerifier.NONCE_HEADER, nonce);
        }
        Responses.noStoreJson(ctx, 200, body);
    }

    /** The client id the request names (unverified when authentication failed); never a secret. */
    static String presentedClientId(FormRequest request) {
        return request.basic() != null ? request.basic().clientId() : request.parameters().get("client_id");
    }

    private static String kinds(TokenResponse r) {
        return "access_token" + (r.refreshToken() != null ? " refresh_token" : "") + (r.idToken() != null ? " id_token" : "");
    }
}
