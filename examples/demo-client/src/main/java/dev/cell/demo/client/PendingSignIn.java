package dev.cell.demo.client;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

/** What a sign-in keeps between the redirect to Cell and the callback: CSRF {@code state}, {@code nonce} and the PKCE verifier (RFC 7636 §4.1). */
record PendingSignIn(State state, Nonce nonce, CodeVerifier verifier) {
    static PendingSignIn create() {
        return new PendingSignIn(new State(), new Nonce(), new CodeVerifier());
    }
}
