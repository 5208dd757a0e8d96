package dev.cell.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One security-relevant event for the audit trail (RFC 9700 §4.13 brute force, §4.14 token lifecycle): what happened, to
 * whom, by which client and from where. It never carries a secret, password, code or token value, only their kinds.
 *
 * @param event a dotted name such as {@code login} or {@code token.issued}
 * @param outcome {@code success}, {@code failure} or a more precise word such as {@code rate_limited}
 * @param actor who acted: a user id, a client id, or {@code cli:<os user>}; null when unknown
 * @param clientId the client involved, or null
 * @param ip the address the request came from, or null outside HTTP
 * @param details further non-secret facts (grant type, token kinds, scope, error code, key ids)
 */
public record AuditEvent(String event, String outcome, String actor, String clientId, String ip, Map<String, String> details) {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public AuditEvent {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A successful event with no further details. */
    public static AuditEvent success(String event, String actor, String clientId, String ip) {
        return new AuditEvent(event, SUCCESS, actor, clientId, ip, Map.of());
    }

    /** A copy with one more detail; null values are left out. */
    public AuditEvent with(String key, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(event, outcome, actor, clientId, ip, more);
    }
}
