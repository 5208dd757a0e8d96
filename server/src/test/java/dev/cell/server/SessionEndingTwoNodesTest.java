package dev.cell.server;

import dev.cell.jdbc.PostgresTestDatabase;
import dev.cell.keys.MasterKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Two nodes on one PostgreSQL database: a session ended on node A ends its grants on node B at once, with no node-local
 * state to wait for (the deny list and the token rows are read from the database on every request).
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "CELL_TEST_DB_URL not set: the two-node session tests need PostgreSQL and are skipped")
class SessionEndingTwoNodesTest {
    static final String PASSWORD = "correct horse battery";
    static PostgresTestDatabase pg;
    static TestServer a;
    static TestServer b;
    static SignedInApps apps;

    @BeforeAll
    static void start() {
        pg = new PostgresTestDatabase();
        Map<String, String> config = Map.of("issuer", "http://localhost:9000", "database.url", pg.create(),
                "keys.master-key", MasterKey.generate(new SecureRandom()));
        a = TestServer.start(config);
        b = TestServer.start(config);
        apps = new SignedInApps(a);
    }

    @AfterAll
    static void stop() {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            pg.drop();
        }
    }

    @Test
    void aSignOutOnNodeAIsRefusedOnNodeBAtOnce() {
        a.users.create("two-alice", PASSWORD, Map.of(), Set.of());
        Browser onA = new Browser(SignedInApps.direct(a, ""));
        SignedInApps.Tokens t = apps.signIn(a, onA, "two-alice", PASSWORD);
        apps.assertAlive(b, t);

        SignedInApps.logout(onA, t);

        apps.assertEnded(b, t);
    }
}
