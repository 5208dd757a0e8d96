package dev.cell.server.admin.api;

/**
 * A refusal of the admin API as an RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail},
 * the {@code member} of the request at fault when there is one, and a {@code WWW-Authenticate} challenge for 401 and 403.
 */
public final class Problem extends RuntimeException {
    /** Bad input: a malformed body or query, a wrong type, an unknown member, an over-long value. */
    public static final String INVALID_REQUEST = "urn:cell:problem:invalid-request";
    /** The resource already exists (a taken username). */
    public static final String CONFLICT = "urn:cell:problem:conflict";

    private final int status;
    private final String type;
    private final String title;
    private final String member;
    private final String challenge;
    private final String error;

    private Problem(int status, String type, String title, String detail, String member, String challenge) {
        this(status, type, title, detail, member, challenge, null);
    }

    private Problem(int status, String type, String title, String detail, String member, String challenge, String error) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.member = member;
        this.challenge = challenge;
        this.error = error;
    }

    /** A problem of type {@code about:blank}, whose title is the status's reason phrase (RFC 9457 §4.2.1). */
    public static Problem of(int status, String detail) {
        return new Problem(status, "about:blank", reason(status), detail, null, null);
    }

    /** 400: bad input; {@code member} names the request member or query parameter at fault, or is null. */
    public static Problem invalid(String member, String detail) {
        return new Problem(400, INVALID_REQUEST, "Invalid request", detail, member, null);
    }

    /**
     * 400: client metadata refused by the validator, with its RFC 7591 §3.2.2 code ({@code invalid_redirect_uri},
     * {@code invalid_client_metadata}) in the {@code error} member and the metadata member at fault in {@code member}.
     */
    public static Problem clientMetadata(String error, String member, String detail) {
        return new Problem(400, INVALID_REQUEST, "Invalid client metadata", detail, member, null, error);
    }

    public static Problem notFound(String detail) {
        return of(404, detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, CONFLICT, "Conflict", detail, null, null);
    }

    /** 401 or 403 with the Bearer challenge of RFC 6750 §3. */
    public static Problem challenge(int status, String challenge, String detail) {
        return new Problem(status, "about:blank", reason(status), detail, null, challenge);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public String member() {
        return member;
    }

    public String challenge() {
        return challenge;
    }

    /** An RFC 7591 §3.2.2 error code, or null. */
    public String error() {
        return error;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 428 -> "Precondition Required";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }
}
