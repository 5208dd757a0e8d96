package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cell.token.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Users} through the admin API's {@code /users} of a running server; a username is looked up to its id first. */
final class RemoteUsers implements Users {
    /** Longer than any username or id: looked up nowhere. */
    private static final int MAX_NAME = 256;

    private final AdminClient api;

    RemoteUsers(AdminClient api) {
        this.api = api;
    }

    @Override
    public List<JsonNode> list(String query, Boolean disabled) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("q", query);
        q.put("disabled", disabled == null ? null : disabled.toString());
        return api.list("/users", q, Integer.MAX_VALUE);
    }

    @Override
    public JsonNode show(String user) {
        return api.get(path(user));
    }

    @Override
    public JsonNode create(String username, String password, Map<String, String> claims, Set<String> authorities) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("claims", claims);
        body.put("authorities", authorities);
        return api.call("POST", "/users", body, null).body();
    }

    /** A JSON merge patch (RFC 7396) of the claims, sent with the ETag just read (a change made meanwhile gets 412). */
    @Override
    public JsonNode update(String user, Map<String, String> changes, Set<String> authorities) {
        String path = path(user);
        AdminClient.Answer current = api.read(path);
        ObjectNode claims = Json.MAPPER.createObjectNode();
        changes.forEach((name, value) -> {
            int dot = name.indexOf('.');
            ObjectNode target = claims;
            String member = name;
            if (dot > 0) {
                JsonNode parent = claims.get(name.substring(0, dot));
                target = parent instanceof ObjectNode o ? o : claims.putObject(name.substring(0, dot));
                member = name.substring(dot + 1);
            }
            if (value == null) {
                target.putNull(member);
            } else {
                target.put(member, value);
            }
        });
        Map<String, Object> patch = new LinkedHashMap<>();
        if (!changes.isEmpty()) {
            patch.put("claims", claims);
        }
        if (authorities != null) {
            patch.put("authorities", authorities);
        }
        return api.call("PATCH", path, patch, current.etag()).body();
    }

    @Override
    public JsonNode setDisabled(String user, boolean disabled) {
        return api.call("POST", path(user) + (disabled ? "/disable" : "/enable"), null, null).body();
    }

    @Override
    public void setPassword(String user, String password) {
        api.call("PUT", path(user) + "/password", Map.of("password", password), null);
    }

    @Override
    public void delete(String user) {
        api.call("DELETE", path(user), null, null);
    }

    @Override
    public List<JsonNode> sessions(String user) {
        return api.list(path(user) + "/sessions", Map.of(), Integer.MAX_VALUE);
    }

    @Override
    public void endSession(String user, String sessionId) {
        String path = path(user) + "/sessions/" + AdminClient.segment(sessionId);
        try {
            api.call("DELETE", path, null, null);
        } catch (CommandFailure f) {
            throw f.exitCode() == CommandFailure.REFUSED ? LocalUsers.noSession(user, sessionId) : f;
        }
    }

    @Override
    public List<JsonNode> grants(String user) {
        return api.list(path(user) + "/grants", Map.of(), Integer.MAX_VALUE);
    }

    @Override
    public void revokeGrant(String user, String grantId) {
        String path = path(user) + "/grants/" + AdminClient.segment(grantId);
        try {
            api.call("DELETE", path, null, null);
        } catch (CommandFailure f) {
            throw f.exitCode() == CommandFailure.REFUSED ? LocalUsers.noGrant(user, grantId) : f;
        }
    }

    @Override
    public List<JsonNode> consents(String user) {
        return api.list(path(user) + "/consents", Map.of(), Integer.MAX_VALUE);
    }

    @Override
    public void endAllSessions(String user) {
        api.call("DELETE", path(user) + "/sessions", null, null);
    }

    @Override
    public void revokeConsent(String user, String clientId) {
        String path = path(user) + "/consents/" + AdminClient.segment(clientId);
        try {
            api.call("DELETE", path, null, null);
        } catch (CommandFailure f) {
            throw f.exitCode() == CommandFailure.REFUSED ? LocalUsers.noConsent(user, clientId) : f;
        }
    }

    /** The user's path by username (searched for, page after page), else by id. */
    private String path(String user) {
        if (user.length() > MAX_NAME) {
            throw Users.noUser(user);
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("q", user);
        q.put("limit", Integer.toString(AdminClient.PAGE));
        while (true) {
            JsonNode page = api.get("/users" + AdminClient.query(q));
            for (JsonNode u : page.path("items")) {
                if (u.path("username").asText().equals(user)) {
                    return "/users/" + AdminClient.segment(u.path("id").asText());
                }
            }
            if (!page.path("next_cursor").isTextual()) {
                break;
            }
            q.put("cursor", page.get("next_cursor").asText());
        }
        String byId = "/users/" + AdminClient.segment(user);
        try {
            api.get(byId);
            return byId;
        } catch (CommandFailure f) {
            throw f.exitCode() == CommandFailure.REFUSED ? Users.noUser(user) : f;
        }
    }
}
