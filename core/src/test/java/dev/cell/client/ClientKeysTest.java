package dev.cell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cell.assertion.AssertionKeys;
import dev.cell.assertion.RemoteJwks;
import dev.cell.error.OAuthException;
import dev.cell.fetch.AddressPolicy;
import dev.cell.fetch.HttpFetcher;
import dev.cell.support.TlsServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registered client's jwks_uri may be anywhere the operator put it; a metadata document client's only at a public address (§8.6). */
class ClientKeysTest {
    @TempDir
    Path dir;

    @Test
    void theJwksUriOfAMetadataDocumentClientIsFetchedFromPublicAddressesOnly() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        try (TlsServer server = TlsServer.start(dir);
                RemoteJwks registered = new RemoteJwks(new HttpFetcher(AddressPolicy.anyAddress(), Duration.ofSeconds(2), server.clientContext()),
                        4096, Duration.ofMinutes(5), Duration.ofSeconds(30), Clock.systemUTC());
                RemoteJwks documents = new RemoteJwks(new HttpFetcher(AddressPolicy.publicOnly(List.of()), Duration.ofSeconds(2),
                        server.clientContext()), 4096, Duration.ofMinutes(5), Duration.ofSeconds(30), Clock.systemUTC())) {
            server.answer("/jwks", TlsServer.Answer.json(new JWKSet(key.toPublicJWK()).toString()));
            ClientKeys keys = new ClientKeys(new AssertionKeys(registered), new AssertionKeys(documents));
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(),
                    new JWTClaimsSet.Builder().subject("c").expirationTime(java.util.Date.from(Instant.now().plusSeconds(60))).build());
            jwt.sign(new ECDSASigner(key));
            Client client = Client.builder().clientId("https://app.example/client").createdAt(Instant.now())
                    .metadata(m -> m.tokenEndpointAuthMethod(ClientAuthMethod.PRIVATE_KEY_JWT).jwksUri(server.url("/jwks"))).build();

            assertThat(keys.verify(jwt, client, OAuthException::invalidClient)).isTrue();
            Client fromDocument = client.toBuilder().metadataDocument(true).build();
            assertThatThrownBy(() -> keys.verify(jwt, fromDocument, OAuthException::invalidClient))
                    .isInstanceOf(OAuthException.class).hasMessageContaining("special-use");
            assertThat(server.hits("/jwks")).isEqualTo(1);
        }
    }
}
