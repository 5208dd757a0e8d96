package dev.cell.oidc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.cell.error.OAuthException;
import dev.cell.token.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code claims} request parameter (OIDC Core section 5.5): individual claims asked for in UserInfo and in the ID
 * token, and what an essential {@code acr} request demands (section 5.5.1.1).
 *
 * @param userinfo claim names requested for UserInfo
 * @param idToken claim names requested for the ID token
 * @param acrEssential whether {@code id_token.acr} is essential
 * @param acrValues the {@code value} and {@code values} of {@code id_token.acr}; empty when any will do
 */
public record ClaimsRequest(Set<String> userinfo, Set<String> idToken, boolean acrEssential, List<String> acrValues) {
    /** The largest {@code claims} parameter accepted, in UTF-8 bytes, since it is stored with the pending request. */
    public static final int MAX_BYTES = 4096;
    public static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of(), false, List.of());
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public ClaimsRequest {
        userinfo = Set.copyOf(userinfo);
        idToken = Set.copyOf(idToken);
        acrValues = List.copyOf(acrValues);
    }

    /** Parses the parameter; null gives {@link #NONE}. Throws {@code invalid_request} when it is malformed or too large. */
    public static ClaimsRequest parse(String json) {
        if (json == null) {
            return NONE;
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw OAuthException.invalidRequest("claims is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("claims is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("claims must be a JSON object");
        }
        JsonNode idToken = member(root, "id_token");
        JsonNode acr = idToken.path("acr");
        List<String> acrValues = new ArrayList<>();
        if (acr.isObject()) {
            if (acr.has("value")) {
                acrValues.add(acr.get("value").asText());
            }
            acr.path("values").forEach(v -> acrValues.add(v.asText()));
        }
        return new ClaimsRequest(names(member(root, "userinfo"), "userinfo"), names(idToken, "id_token"),
                acr.path("essential").asBoolean(false), acrValues);
    }

    /**
     * Only the claims a client registered for {@code scopes} may receive: those the scopes release (OIDC Core section
     * 5.4) and {@code acr}; anything else is dropped, as claims Cell cannot provide are (section 5.5).
     */
    public ClaimsRequest limitedTo(Set<String> scopes) {
        return new ClaimsRequest(allowed(userinfo, scopes, false), allowed(idToken, scopes, true), acrEssential, acrValues);
    }

    /** The scopes whose claims are requested one by one, so the user consents to them as to the scopes themselves. */
    public Set<String> scopes() {
        Set<String> out = new LinkedHashSet<>();
        for (String name : userinfo) {
            UserInfoClaims.scopeOf(name).ifPresent(out::add);
        }
        for (String name : idToken) {
            UserInfoClaims.scopeOf(name).ifPresent(out::add);
        }
        return out;
    }

    public boolean isEmpty() {
        return userinfo.isEmpty() && idToken.isEmpty();
    }

    /** This request as compact JSON that {@link #parse} reads back, to keep it with the pending request and the code. */
    public String toJson() {
        return new String(Json.write(g -> {
            g.writeStartObject();
            for (Map.Entry<String, Set<String>> member : Map.of("userinfo", userinfo, "id_token", idToken).entrySet()) {
                if (member.getValue().isEmpty()) {
                    continue;
                }
                g.writeObjectFieldStart(member.getKey());
                for (String name : member.getValue()) {
                    if (member.getKey().equals("id_token") && name.equals("acr") && (acrEssential || !acrValues.isEmpty())) {
                        g.writeObjectFieldStart(name);
                        g.writeBooleanField("essential", acrEssential);
                        g.writeArrayFieldStart("values");
                        for (String v : acrValues) {
                            g.writeString(v);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    } else {
                        g.writeNullField(name);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
    }

    private static Set<String> allowed(Set<String> names, Set<String> scopes, boolean idToken) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if ((idToken && name.equals("acr")) || UserInfoClaims.scopeOf(name).filter(scopes::contains).isPresent()) {
                out.add(name);
            }
        }
        return out;
    }

    /** Whether {@code acr} was asked for in the ID token, essential or not. */
    public boolean requestsAcr() {
        return idToken.contains("acr");
    }

    private static JsonNode member(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw malformed("claims member " + name + " must be a JSON object");
        }
        return node;
    }

    /** The claim names of one member; each request is null or an object with essential, value and values (section 5.5.1). */
    private static Set<String> names(JsonNode member, String where) {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : member.properties()) {
            JsonNode request = e.getValue();
            if (!request.isNull()) {
                if (!request.isObject()) {
                    throw malformed("claims " + where + " requests must be null or JSON objects");
                }
                if (request.has("essential") && !request.get("essential").isBoolean()) {
                    throw malformed("claims " + where + " essential must be true or false");
                }
                if (request.has("values") && !request.get("values").isArray()) {
                    throw malformed("claims " + where + " values must be a JSON array");
                }
            }
            out.add(e.getKey());
        }
        return out;
    }

    private static OAuthException malformed(String description) {
        return OAuthException.invalidRequest(description + " (OIDC Core section 5.5)");
    }
}
