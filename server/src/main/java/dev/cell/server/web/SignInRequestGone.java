package dev.cell.server.web;

/**
 * A login or consent page named a pending authorization request that has expired, was finished or belongs to another
 * browser: the error page says so in the page's language and links to where the person can start again.
 */
final class SignInRequestGone extends RuntimeException {
    static final String DESCRIPTION = "the sign-in request has expired or belongs to another browser; start again";

    private final String startAgainUri;

    /** @param startAgainUri the client's home page when known, else null */
    SignInRequestGone(String startAgainUri) {
        super(DESCRIPTION, null, false, false);
        this.startAgainUri = startAgainUri;
    }

    String startAgainUri() {
        return startAgainUri;
    }
}
