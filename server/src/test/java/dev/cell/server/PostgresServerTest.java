package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.cell.client.ClientAuthMethod;
import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.server.admin.ClientAdmin;
import dev.cell.token.AccessTokenFormat;
import dev.cell.token.Json;
import dev.cell.token.TokenHasher;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The whole server on PostgreSQL: keys generated and sealed, JWT and opaque client_credentials tokens. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: PostgreSQL server tests skipped")
class PostgresServerTest {
    static PostgresTestDatabase pg;
    static TestServer server;

    @BeforeAll
    static void start() {
        pg = new PostgresTestDatabase();
        server = TestServer.start(Map.of("database.url", pg.create()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        pg.drop();
    }

    @Test
    void issuesJwtAndOpaqueTokens() throws Exception {
        ClientAdmin.Created jwt = server.confidentialClient("pg-jwt", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        ClientAdmin.Created opaque = server.confidentialClient("pg-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.OPAQUE, "read");
        HttpResponse<String> a = server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("pg-jwt", jwt.secret()));
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(SignedJWT.parse(Json.MAPPER.readTree(a.body()).get("access_token").asText()).getJWTClaimsSet().getSubject()).isEqualTo("pg-jwt");
        HttpResponse<String> b = server.post("/oauth/token", "grant_type=client_credentials", "Authorization",
                TestServer.basic("pg-opaque", opaque.secret()));
        String token = Json.MAPPER.readTree(b.body()).get("access_token").asText();
        assertThat(server.database.stores().tokens().find(TokenHasher.orderedHash(token))).isPresent();
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aSecretRotatedInTheDatabaseIsRefusedAtOnce() throws Exception {
        ClientAdmin.Created c = server.confidentialClient("pg-rot", ClientAuthMethod.CLIENT_SECRET_BASIC, AccessTokenFormat.JWT, "read");
        assertThat(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("pg-rot", c.secret()))
                .statusCode()).isEqualTo(200);
        String fresh = server.clients.rotateSecret("pg-rot");
        assertThat(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("pg-rot", c.secret()))
                .statusCode()).isEqualTo(401);
        assertThat(server.post("/oauth/token", "grant_type=client_credentials", "Authorization", TestServer.basic("pg-rot", fresh))
                .statusCode()).isEqualTo(200);
    }
}
