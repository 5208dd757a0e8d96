package dev.cell.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.token.AccessTokenFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Client metadata as a JSON object (RFC 7591 §2) and back, in one place for the admin API and registration. Reading applies the
 * members present to a builder, so it serves creation (a fresh builder), full replacement and JSON merge patch (RFC 7396: a
 * {@code null} member goes back to its default); types are checked here, values by {@link ClientMetadataValidator}.
 */
public final class ClientMetadataJson {
    /** What to do with a member the caller does not accept: RFC 7591 §2 registration ignores it, the admin API refuses it. */
    public enum UnknownMembers { IGNORE, REFUSE }

    /**
     * The RFC 7591 §2 members, with OpenID Connect Registration's {@code application_type} and {@code post_logout_redirect_uris}
     * and RFC 9449's {@code dpop_bound_access_tokens}, RFC 9126's {@code require_pushed_authorization_requests} and RFC 9101's
     * {@code require_signed_request_object}, and OpenID Connect Back-Channel Logout's {@code backchannel_logout_uri} and
     * {@code backchannel_logout_session_required}.
     */
    public static final Set<String> STANDARD_MEMBERS = Set.of("redirect_uris", "token_endpoint_auth_method", "grant_types",
            "response_types", "client_name", "client_uri", "logo_uri", "scope", "contacts", "tos_uri", "policy_uri", "jwks_uri", "jwks",
            "software_id", "software_version", "post_logout_redirect_uris", "application_type", "dpop_bound_access_tokens",
            "require_pushed_authorization_requests", "require_signed_request_object", "backchannel_logout_uri",
            "backchannel_logout_session_required");
    /** Cell's own settings, which only an administrator sets. */
    public static final Set<String> CELL_MEMBERS = Set.of("audience", "access_token_format", "access_token_lifetime",
            "refresh_token_lifetime", "id_token_lifetime", "pkce_required", "first_party", "legacy_token_claims", "authorities", "token_exchange_subjects");
    /** Every member {@link #write} produces. */
    public static final Set<String> ALL_MEMBERS = Stream.concat(STANDARD_MEMBERS.stream(), CELL_MEMBERS.stream())
            .collect(Collectors.toUnmodifiableSet());

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ClientMetadata DEFAULTS = ClientMetadata.builder().build();

    /** Members in the order they are applied: grant_types before response_types, which otherwise follow the grants. */
    private static final Map<String, BiConsumer<Reader, ClientMetadata.Builder>> MEMBERS = members();

    private ClientMetadataJson() {}

    /** Parses a JSON object strictly (no duplicate members, nothing after it); throws {@code invalid_client_metadata}. */
    public static ObjectNode parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not well-formed JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw invalid("client metadata must be a JSON object");
        }
        return o;
    }

    /**
     * Applies the members of {@code json} that are in {@code accepted} to {@code builder}; a JSON {@code null} resets a member to
     * its default.
     *
     * @param unknown what to do with a member outside {@code accepted}
     * @throws OAuthException {@code invalid_client_metadata} naming the member with a wrong type, or the refused unknown member
     */
    public static ClientMetadata.Builder read(ObjectNode json, ClientMetadata.Builder builder, Set<String> accepted, UnknownMembers unknown) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name) && unknown == UnknownMembers.REFUSE) {
                throw invalid("unknown member '" + shown(name) + "'; accepted: " + String.join(", ", new TreeSet<>(accepted)));
            }
        }
        for (Map.Entry<String, BiConsumer<Reader, ClientMetadata.Builder>> member : MEMBERS.entrySet()) {
            if (accepted.contains(member.getKey()) && json.has(member.getKey())) {
                member.getValue().accept(new Reader(member.getKey(), json.get(member.getKey())), builder);
            }
        }
        return builder;
    }

    /** Every member of the metadata; absent values (null) are left out. */
    public static ObjectNode write(ClientMetadata m) {
        return write(m, ALL_MEMBERS);
    }

    /** The members of the metadata in {@code members} (e.g. {@link #STANDARD_MEMBERS} for a registration response). */
    public static ObjectNode write(ClientMetadata m, Set<String> members) {
        ObjectNode o = MAPPER.createObjectNode();
        Writer w = new Writer(o, members);
        w.list("redirect_uris", m.redirectUris());
        w.text("token_endpoint_auth_method", m.tokenEndpointAuthMethod().value());
        w.list("grant_types", new TreeSet<>(m.grantTypes()));
        w.list("response_types", new TreeSet<>(m.responseTypes()));
        w.text("client_name", m.clientName());
        w.text("client_uri", m.clientUri());
        w.text("logo_uri", m.logoUri());
        w.text("scope", m.scopes().isEmpty() ? null : String.join(" ", new TreeSet<>(m.scopes())));
        w.list("contacts", m.contacts());
        w.text("tos_uri", m.tosUri());
        w.text("policy_uri", m.policyUri());
        w.text("jwks_uri", m.jwksUri());
        if (m.jwks() != null && members.contains("jwks")) {
            try {
                o.set("jwks", MAPPER.readTree(m.jwks()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored jwks is not JSON", e);
            }
        }
        w.text("software_id", m.softwareId());
        w.text("software_version", m.softwareVersion());
        w.list("post_logout_redirect_uris", m.postLogoutRedirectUris());
        w.text("application_type", m.applicationType().value());
        w.bool("dpop_bound_access_tokens", m.dpopBoundAccessTokens());
        w.list("audience", m.audiences());
        w.text("access_token_format", m.accessTokenFormat().value());
        w.seconds("access_token_lifetime", m.accessTokenLifetime());
        w.seconds("refresh_token_lifetime", m.refreshTokenLifetime());
        w.seconds("id_token_lifetime", m.idTokenLifetime());
        w.bool("pkce_required", m.pkceRequired());
        w.bool("first_party", m.firstParty());
        w.bool("legacy_token_claims", m.legacyTokenClaims());
        w.list("authorities", new TreeSet<>(m.authorities()));
        w.list("token_exchange_subjects", new TreeSet<>(m.tokenExchangeSubjects()));
        w.bool("require_pushed_authorization_requests", m.requirePushedAuthorizationRequests());
        w.bool("require_signed_request_object", m.requireSignedRequestObject());
        w.text("backchannel_logout_uri", m.backchannelLogoutUri());
        w.bool("backchannel_logout_session_required", m.backchannelLogoutSessionRequired());
        return o;
    }

    private static Map<String, BiConsumer<Reader, ClientMetadata.Builder>> members() {
        Map<String, BiConsumer<Reader, ClientMetadata.Builder>> m = new LinkedHashMap<>();
        m.put("redirect_uris", (r, b) -> b.redirectUris(r.list(DEFAULTS.redirectUris())));
        m.put("token_endpoint_auth_method", (r, b) -> b.tokenEndpointAuthMethod(r.isNull() ? DEFAULTS.tokenEndpointAuthMethod()
                : ClientAuthMethod.of(r.text()).orElseThrow(() -> r.wrong("one of client_secret_basic, client_secret_post, "
                        + "client_secret_jwt, private_key_jwt, none"))));
        m.put("grant_types", (r, b) -> b.grantTypes(r.set(DEFAULTS.grantTypes())));
        m.put("response_types", (r, b) -> b.responseTypes(r.set(Set.of())));
        m.put("client_name", (r, b) -> b.clientName(r.optionalText()));
        m.put("client_uri", (r, b) -> b.clientUri(r.optionalText()));
        m.put("logo_uri", (r, b) -> b.logoUri(r.optionalText()));
        m.put("scope", (r, b) -> b.scopes(r.isNull() ? Set.of() : scopeWords(r.text())));
        m.put("contacts", (r, b) -> b.contacts(r.list(List.of())));
        m.put("tos_uri", (r, b) -> b.tosUri(r.optionalText()));
        m.put("policy_uri", (r, b) -> b.policyUri(r.optionalText()));
        m.put("jwks_uri", (r, b) -> b.jwksUri(r.optionalText()));
        m.put("jwks", (r, b) -> b.jwks(r.isNull() ? null : r.object()));
        m.put("software_id", (r, b) -> b.softwareId(r.optionalText()));
        m.put("software_version", (r, b) -> b.softwareVersion(r.optionalText()));
        m.put("post_logout_redirect_uris", (r, b) -> b.postLogoutRedirectUris(r.list(List.of())));
        m.put("application_type", (r, b) -> b.applicationType(r.isNull() ? DEFAULTS.applicationType()
                : ApplicationType.of(r.text()).orElseThrow(() -> r.wrong("web or native"))));
        m.put("dpop_bound_access_tokens", (r, b) -> b.dpopBoundAccessTokens(r.bool(DEFAULTS.dpopBoundAccessTokens())));
        m.put("audience", (r, b) -> b.audiences(r.list(List.of())));
        m.put("access_token_format", (r, b) -> b.accessTokenFormat(r.isNull() ? DEFAULTS.accessTokenFormat()
                : AccessTokenFormat.of(r.text()).orElseThrow(() -> r.wrong("jwt or opaque"))));
        m.put("access_token_lifetime", (r, b) -> b.accessTokenLifetime(r.seconds()));
        m.put("refresh_token_lifetime", (r, b) -> b.refreshTokenLifetime(r.seconds()));
        m.put("id_token_lifetime", (r, b) -> b.idTokenLifetime(r.seconds()));
        m.put("pkce_required", (r, b) -> b.pkceRequired(r.bool(DEFAULTS.pkceRequired())));
        m.put("first_party", (r, b) -> b.firstParty(r.bool(DEFAULTS.firstParty())));
        m.put("legacy_token_claims", (r, b) -> b.legacyTokenClaims(r.bool(DEFAULTS.legacyTokenClaims())));
        m.put("authorities", (r, b) -> b.authorities(r.set(Set.of())));
        m.put("token_exchange_subjects", (r, b) -> b.tokenExchangeSubjects(r.set(Set.of())));
        m.put("require_pushed_authorization_requests", (r, b) -> b.requirePushedAuthorizationRequests(r.bool(false)));
        m.put("require_signed_request_object", (r, b) -> b.requireSignedRequestObject(r.bool(false)));
        m.put("backchannel_logout_uri", (r, b) -> b.backchannelLogoutUri(r.optionalText()));
        m.put("backchannel_logout_session_required", (r, b) -> b.backchannelLogoutSessionRequired(r.bool(false)));
        return m;
    }

    /** The words of a {@code scope} string (RFC 6749 §3.3), split on spaces. */
    private static Set<String> scopeWords(String scope) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : scope.split(" ")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static String shown(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }

    /** One member's value with typed getters; a wrong type is {@code invalid_client_metadata} naming the member. */
    private record Reader(String name, JsonNode node) {
        boolean isNull() {
            return node.isNull();
        }

        OAuthException wrong(String expected) {
            return invalid(name + ": must be " + expected);
        }

        String text() {
            if (!node.isTextual()) {
                throw wrong("a string");
            }
            return node.textValue();
        }

        String optionalText() {
            return isNull() ? null : text();
        }

        boolean bool(boolean dflt) {
            if (isNull()) {
                return dflt;
            }
            if (!node.isBoolean()) {
                throw wrong("true or false");
            }
            return node.booleanValue();
        }

        Duration seconds() {
            if (isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw wrong("a whole number of seconds");
            }
            long s = node.longValue();
            if (s <= 0) {
                throw wrong("a positive number of seconds");
            }
            return Duration.ofSeconds(s);
        }

        /** A JSON object, as its JSON text. */
        String object() {
            if (!node.isObject()) {
                throw wrong("a JSON object");
            }
            return node.toString();
        }

        List<String> list(List<String> dflt) {
            if (isNull()) {
                return dflt;
            }
            if (!(node instanceof ArrayNode a)) {
                throw wrong("an array of strings");
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode item : a) {
                if (!item.isTextual()) {
                    throw wrong("an array of strings");
                }
                out.add(item.textValue());
            }
            return new ArrayList<>(out);
        }

        Set<String> set(Set<String> dflt) {
            return isNull() ? dflt : new LinkedHashSet<>(list(List.copyOf(dflt)));
        }
    }

    /** Writes members in {@code members}; null values are left out. */
    private record Writer(ObjectNode o, Set<String> members) {
        void text(String name, String value) {
            if (value != null && members.contains(name)) {
                o.put(name, value);
            }
        }

        void list(String name, Collection<String> values) {
            if (members.contains(name)) {
                ArrayNode a = o.putArray(name);
                values.forEach(a::add);
            }
        }

        void seconds(String name, Duration value) {
            if (value != null && members.contains(name)) {
                o.put(name, value.toSeconds());
            }
        }

        void bool(String name, boolean value) {
            if (members.contains(name)) {
                o.put(name, value);
            }
        }
    }
}
