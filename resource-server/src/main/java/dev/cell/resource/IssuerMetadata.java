package dev.cell.resource;

import java.net.URI;
import java.util.Map;

/**
 * The issuer's authorization server metadata (RFC 8414 §3; OpenID Connect Discovery when that is all it serves), fetched on
 * first use and kept; its {@code issuer} must equal the configured one (RFC 8414 §3.3).
 */
final class IssuerMetadata {
    private final URI issuer;
    private final JsonHttp http;
    private Map<String, Object> metadata;

    IssuerMetadata(URI issuer, JsonHttp http) {
        this.issuer = issuer;
        this.http = http;
    }

    /** The URL the metadata gives for {@code name}, e.g. {@code jwks_uri}. */
    URI endpoint(String name) {
        if (!(metadata().get(name) instanceof String value)) {
            throw new TokenException(TokenError.UPSTREAM_ERROR, "the metadata of " + issuer + " has no " + name);
        }
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenError.UPSTREAM_ERROR, "the metadata of " + issuer + " has an invalid " + name, e);
        }
    }

    private synchronized Map<String, Object> metadata() {
        if (metadata == null) {
            metadata = fetch();
        }
        return metadata;
    }

    private Map<String, Object> fetch() {
        JsonHttp.Reply reply = http.get(rfc8414Url());
        if (reply.status() == 404) {
            reply = http.get(URI.create(withoutTrailingSlash(issuer.toString()) + "/.well-known/openid-configuration"));
        }
        if (reply.status() != 200) {
            throw new TokenException(TokenError.UPSTREAM_ERROR, "the metadata of " + issuer + " answered status " + reply.status());
        }
        if (!issuer.toString().equals(reply.json().get("issuer"))) {
            throw new TokenException(TokenError.UPSTREAM_ERROR, "the metadata names issuer " + reply.json().get("issuer") + ", not " + issuer);
        }
        return reply.json();
    }

    /** RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path. */
    private URI rfc8414Url() {
        String path = issuer.getRawPath() == null ? "" : withoutTrailingSlash(issuer.getRawPath());
        return URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority() + "/.well-known/oauth-authorization-server" + path);
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
