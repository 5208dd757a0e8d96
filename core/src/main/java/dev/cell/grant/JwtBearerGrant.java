package dev.cell.grant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.account.User;
import dev.cell.assertion.AssertionAlgorithms;
import dev.cell.assertion.AssertionKeys;
import dev.cell.assertion.AssertionRules;
import dev.cell.client.Client;
import dev.cell.config.CellConfig;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.store.UserStore;
import dev.cell.token.ExternalSubject;
import dev.cell.token.RandomValues;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JWT bearer grant (RFC 7523 §2.1, §3): a client exchanges a JWT from a trusted issuer for an access token for the
 * JWT's subject, within the scopes both the trust and the client allow. No refresh token: the client asserts again.
 *
 * <p>The subject stays in its issuer's namespace ({@link ExternalSubject}: the token has no Cell user) unless the trust
 * maps subjects to local users, so an issuer that asserts a Cell user id never gets that user's token.
 */
public final class JwtBearerGrant implements GrantHandler {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** The longest {@code sub} accepted: the size of the columns that hold a subject. */
    static final int MAX_SUBJECT_LENGTH = 255;
    private static final Set<String> PARAMETERS = Set.of("assertion", "scope");

    private final Map<String, CellConfig.TrustedIssuer> trusted = new LinkedHashMap<>();
    private final AssertionRules rules;
    private final AssertionKeys keys;
    private final UserStore users;
    private final RandomValues random;

    public JwtBearerGrant(List<CellConfig.TrustedIssuer> trusted, AssertionRules rules, AssertionKeys keys, UserStore users,
            RandomValues random) {
        trusted.forEach(t -> this.trusted.put(t.issuer(), t));
        this.rules = rules;
        this.keys = keys;
        this.users = users;
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

    @Override
    public Issuance handle(TokenRequest request) {
        Client client = request.client();
        String value = request.parameter("assertion");
        if (value == null || value.isEmpty()) {
            throw OAuthException.invalidRequest("assertion is missing (RFC 7523 section 2.1)");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(value);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw invalidGrant("the assertion is not a signed JWT (RFC 7523 section 2.1)");
        }
        CellConfig.TrustedIssuer trust = claims.getIssuer() == null ? null : trusted.get(claims.getIssuer());
        if (trust == null) {
            throw invalidGrant("the assertion's issuer is not trusted by this server");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!AssertionAlgorithms.ASYMMETRIC.contains(alg)) {
            throw invalidGrant("the assertion must be signed with one of " + AssertionAlgorithms.names(AssertionAlgorithms.ASYMMETRIC));
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty()) {
            throw invalidGrant("the assertion has no sub (RFC 7523 section 3)");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw invalidGrant("the assertion's sub is longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
        if (!trust.allowsSubject(subject)) {
            throw invalidGrant("the issuer is not trusted to assert this subject");
        }
        rules.check(claims, JwtBearerGrant::invalidGrant);
        if (!keys.verify(jwt, trust.jwks(), trust.jwksUri(), JwtBearerGrant::invalidGrant)) {
            throw invalidGrant("the assertion's signature does not verify with the issuer's keys");
        }
        Set<String> allowed = trust.scopes().stream().filter(client.scopes()::contains).collect(Collectors.toSet());
        Set<String> granted = Scopes.grant(Scopes.parse(request.parameter("scope")), allowed);
        String userId = trust.localUsers() ? localUser(subject).id() : null;
        Map<String, Object> extra = userId == null ? new ExternalSubject(trust.issuer(), subject).claims() : Map.of();
        rules.markUsed(trust.issuer(), claims, JwtBearerGrant::invalidGrant);
        return Issuance.accessToken(userId, granted, random.orderedId(), extra).withResources(request.resources());
    }

    /** The active Cell user the subject names, by id or else by username. */
    private User localUser(String subject) {
        return users.findById(subject).or(() -> users.findByUsername(subject))
                .filter(u -> !u.disabled())
                .orElseThrow(() -> invalidGrant("the subject is not an active user of this server"));
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
