package dev.cell.authorize;

import dev.cell.session.SignedIn;

/** The user agent behind an authorization request (RFC 6749 §1.1): its binding, its address and who is signed in there. */
public interface Browser {
    /** The stable binding of this browser (a hash of its cookie), created on first use. */
    String binding();

    /** The address the request came from. */
    String address();

    /** The signed-in user and session, or null. */
    SignedIn signedIn();

    /** This browser right after a login, whose session cookie is only in the response yet. */
    default Browser signedInAs(SignedIn now) {
        Browser self = this;
        return new Browser() {
            @Override
            public String binding() {
                return self.binding();
            }

            @Override
            public String address() {
                return self.address();
            }

            @Override
            public SignedIn signedIn() {
                return now;
            }
        };
    }
}
