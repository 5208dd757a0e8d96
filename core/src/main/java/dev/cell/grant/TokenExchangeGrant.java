package dev.cell.grant;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.session.Sid;
import dev.cell.token.RandomValues;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token exchange grant (RFC 8693 §2): a client trades a subject token (and, for delegation, an actor token) for an access
 * token for the same subject, for audiences among its own and a scope that can only narrow the subject token's. The client's
 * {@code token_exchange_subjects} names whose tokens it may exchange; a subject token's {@code may_act} (§4.4) names who may act.
 * Delegation records the actor in {@code act}, nested for chains (§4.1); without an actor token it is impersonation. No refresh
 * token: the client exchanges again.
 */
public final class TokenExchangeGrant implements GrantHandler {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** The {@code act} claim (RFC 8693 §4.1). */
    public static final String ACT = "act";
    /** The {@code may_act} claim (RFC 8693 §4.4). */
    public static final String MAY_ACT = "may_act";
    static final String AUDIENCE = "audience";
    private static final Set<String> PARAMETERS = Set.of("subject_token", "subject_token_type", "actor_token", "actor_token_type",
            "requested_token_type", AUDIENCE, "scope");

    private final ExchangeTokens tokens;
    private final RandomValues random;

    public TokenExchangeGrant(ExchangeTokens tokens, RandomValues random) {
        this.tokens = tokens;
        this.random = random;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    /** Refusals carry a reason word for the audit trail: which check refused the exchange (RFC 8693 §2.2.2). */
    @Override
    public Issuance handle(TokenRequest request) {
        try {
            return decide(request);
        } catch (Refusal r) {
            throw r.error.withReason(r.reason);
        }
    }

    private Issuance decide(TokenRequest request) {
        Client client = request.client();
        String requested = request.parameter("requested_token_type");
        if (requested != null && !requested.equals(ExchangeTokens.ACCESS_TOKEN)) {
            throw new Refusal("unsupported_requested_token_type", OAuthException.invalidRequest(
                    "requested_token_type is not supported; this server issues "
                    + ExchangeTokens.ACCESS_TOKEN + " (RFC 8693 section 2.2.2)"));
        }
        List<String> targets = targets(client, request);
        ExchangeTokens.Token subject = read("subject_token", request);
        if (subject.userId() == null && subject.external() == null) {
            throw new Refusal("subject_without_user",
                    OAuthException.invalidRequest("the subject_token speaks for no user: a client's own token cannot be exchanged"));
        }
        String source = subject.clientId() != null ? subject.clientId() : subject.issuer();
        if (!client.tokenExchangeSubjects().contains(source)) {
            throw new Refusal("subject_not_allowed", OAuthException.invalidRequest("this client may not exchange tokens of '" + source
                    + "' (its token_exchange_subjects); unacceptable based on policy (RFC 8693 section 2.2.2)"));
        }
        ExchangeTokens.Token actor = actor(request);
        checkMayAct(subject, actor, client);
        Set<String> granted;
        try {
            granted = Scopes.grant(Scopes.parse(request.parameter("scope")), ceiling(client, subject));
        } catch (OAuthException e) {
            throw new Refusal("scope_not_allowed", e);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (subject.external() != null) {
            claims.putAll(subject.external().claims());
        }
        if (subject.claims().get("auth_time") instanceof Number authTime) {
            claims.put("auth_time", authTime);
        }
        String sid = Sid.in(subject.claims());
        Object act = actor == null ? subject.claims().get(ACT) : act(actor, subject.claims().get(ACT));
        if (act != null) {
            claims.put(ACT, act);
        }
        String grantId = subject.grantId() != null ? subject.grantId() : random.orderedId();
        return Issuance.accessToken(subject.userId(), granted, grantId, Sid.with(claims, sid)).withResources(targets)
                .withIssuedTokenType(ExchangeTokens.ACCESS_TOKEN);
    }

    /** The {@code resource} and {@code audience} values (RFC 8693 §2.1), each one the client may ask for (RFC 8707 §2). */
    private static List<String> targets(Client client, TokenRequest request) {
        Set<String> out = new LinkedHashSet<>(request.resources());
        String audience = request.parameter(AUDIENCE);
        if (audience != null) {
            for (String a : audience.split(" +")) {
                if (a.isEmpty()) {
                    continue;
                }
                if (a.length() > Resources.MAX_LENGTH || !client.audiences().contains(a)) {
                    throw new Refusal("target_not_allowed", new OAuthException(OAuthError.INVALID_TARGET,
                            "the audience is not one this client may request (RFC 8693 section 2.2.2)"));
                }
                out.add(a);
            }
        }
        if (out.size() > Resources.MAX_COUNT) {
            throw new Refusal("target_not_allowed", new OAuthException(OAuthError.INVALID_TARGET,
                    "at most " + Resources.MAX_COUNT + " resources and audiences at once"));
        }
        return List.copyOf(out);
    }

    private ExchangeTokens.Token actor(TokenRequest request) {
        String value = request.parameter("actor_token");
        String type = request.parameter("actor_token_type");
        if (value == null) {
            if (type != null) {
                throw new Refusal("actor_token_invalid",
                        OAuthException.invalidRequest("actor_token_type must not be sent without actor_token (RFC 8693 section 2.1)"));
            }
            return null;
        }
        return read("actor_token", request);
    }

    /** The subject or actor token; refused with {@code <name>_invalid} when it is not acceptable. */
    private ExchangeTokens.Token read(String name, TokenRequest request) {
        try {
            return tokens.read(name, request.parameter(name), request.parameter(name + "_type"));
        } catch (OAuthException e) {
            throw new Refusal(name + "_invalid", e);
        }
    }

    /**
     * A subject token's {@code may_act} (RFC 8693 §4.4) names the one party that may act for the subject: the actor token's
     * subject, or for impersonation the client itself; its {@code iss}, when given, must match too.
     */
    private void checkMayAct(ExchangeTokens.Token subject, ExchangeTokens.Token actor, Client client) {
        Object mayAct = subject.claims().get(MAY_ACT);
        if (mayAct == null) {
            return;
        }
        String sub = actor == null ? client.clientId() : actor.subject();
        String iss = actor == null ? null : actor.issuer();
        boolean matches = mayAct instanceof Map<?, ?> m && sub.equals(m.get("sub"))
                && (m.get("iss") == null || m.get("iss").equals(iss) || (actor == null && m.get("iss").equals(subject.issuer())));
        if (!matches) {
            throw new Refusal("may_act_mismatch",
                    OAuthException.invalidRequest("the subject_token's may_act does not name this actor (RFC 8693 section 4.4)"));
        }
    }

    /** What the subject token allows, within the client's scopes: its scope, or for tokens without one the client's own. */
    private Set<String> ceiling(Client client, ExchangeTokens.Token subject) {
        Set<String> out = new HashSet<>(subject.scopes() != null ? subject.scopes() : client.scopes());
        out.retainAll(client.scopes());
        if (subject.clientId() == null) {
            out.retainAll(tokens.trustedScopes(subject.issuer()));
        }
        return out;
    }

    /** The {@code act} claim (RFC 8693 §4.1): the actor, with the subject token's own {@code act} nested as the prior actor. */
    private Map<String, Object> act(ExchangeTokens.Token actor, Object prior) {
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", actor.subject());
        if (actor.clientId() != null) {
            act.put("client_id", actor.clientId());
        }
        if (actor.external() != null) {
            act.put("iss", actor.issuer());
        }
        if (prior instanceof Map<?, ?>) {
            act.put(ACT, prior);
        }
        return act;
    }

    /** A refused exchange: the error for the client and the word for the audit trail. */
    private static final class Refusal extends RuntimeException {
        private final String reason;
        private final OAuthException error;

        Refusal(String reason, OAuthException error) {
            super(null, null, false, false);
            this.reason = reason;
            this.error = error;
        }
    }
}
