package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cell user sessions list|end}, {@code passwd} and {@code consents revoke} end tokens a running server issued. */
class SessionCliTest {
    static final String PASSWORD = "correct horse battery";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @TempDir
    Path dir;
    TestServer server;
    SignedInApps apps;
    Path config;

    @BeforeEach
    void start() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath();
        server = TestServer.start(Map.of("database.url", url));
        apps = new SignedInApps(server);
        config = dir.resolve("cell.yaml");
        Files.writeString(config, "database:\n  url: \"" + url + "\"\nlogging:\n  format: text\n  audit-file: \"" + dir.resolve("audit.log") + "\"\n");
        server.users.create("cli-alice", PASSWORD, Map.of(), Set.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SignedInApps.Tokens signIn(String userAgent) {
        Browser b = new Browser(server.url(""));
        b.headers.put("User-Agent", userAgent);
        return apps.signIn(server, b, "cli-alice", PASSWORD);
    }

    /** The line of the listing that names {@code id}. */
    private static String line(String out, String id) {
        return out.lines().filter(l -> l.contains(id)).findFirst().orElseThrow(() -> new AssertionError(id + " not in\n" + out));
    }

    @Test
    void sessionsAreListedWithDeviceAddressAndClientsAndEndedOneByOne() {
        SignedInApps.Tokens a = signIn(FIREFOX);
        SignedInApps.Tokens b = signIn("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");

        CliRunner.Run list = CliRunner.run(config, "", "user", "sessions", "list", "cli-alice");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(line(list.out(), a.sid())).contains("Firefox on Linux", "127.0.0.1", "web web-opaque");
        assertThat(line(list.out(), b.sid())).contains("Safari on iOS", "127.0.0.1", "web web-opaque");

        CliRunner.Run end = CliRunner.run(config, "", "user", "sessions", "end", "cli-alice", a.sid());
        assertThat(end.code()).as(end.err()).isZero();
        apps.assertEnded(server, a);
        apps.assertAlive(server, b);
        assertThat(CliRunner.run(config, "", "user", "sessions", "list", "cli-alice").out()).doesNotContain(a.sid()).contains(b.sid());

        CliRunner.Run again = CliRunner.run(config, "", "user", "sessions", "end", "cli-alice", a.sid());
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("no session");
        assertThat(CliRunner.run(config, "", "user", "sessions", "end", "cli-alice").code()).as("neither an id nor --all").isNotZero();
    }

    @Test
    void aSessionIdBeginningWithADashIsTakenAsTheId() {
        // base64url ids begin with '-' one time in 64: picocli must not read one as an unknown option.
        CliRunner.Run end = CliRunner.run(config, "", "user", "sessions", "end", "cli-alice", "-ISZA2loX3oAaa3lVi543evkJv5GUMcqXB");
        assertThat(end.err()).contains("no session").doesNotContain("Unknown option");
        CliRunner.Run revoke = CliRunner.run(config, "", "user", "grants", "revoke", "cli-alice", "-AAAA");
        assertThat(revoke.err()).doesNotContain("Unknown option");
        assertThat(revoke.code()).as(revoke.err()).isEqualTo(2);
    }

    @Test
    void endingAllSessionsEndsEveryGrant() {
        SignedInApps.Tokens a = signIn(FIREFOX);
        SignedInApps.Tokens b = signIn(FIREFOX);

        CliRunner.Run end = CliRunner.run(config, "", "user", "sessions", "end", "cli-alice", "--all");
        assertThat(end.code()).as(end.err()).isZero();
        assertThat(end.out()).contains("ended every session and grant of cli-alice");
        apps.assertEnded(server, a);
        apps.assertEnded(server, b);
    }

    @Test
    void aPasswordChangeEndsEverySessionAndGrant() {
        SignedInApps.Tokens a = signIn(FIREFOX);

        CliRunner.Run passwd = CliRunner.run(config, "", "user", "passwd", "cli-alice", "--password", "another horse 2");
        assertThat(passwd.code()).as(passwd.err()).isZero();
        apps.assertEnded(server, a);
    }

    @Test
    void revokingAConsentEndsThatClientsGrants() {
        SignedInApps.Tokens a = signIn(FIREFOX);

        CliRunner.Run revoke = CliRunner.run(config, "", "user", "consents", "revoke", "cli-alice", "web");
        assertThat(revoke.code()).as(revoke.err()).isZero();
        assertThat(apps.active(server, a.access())).isFalse();
        assertThat(apps.refresh(server, "web", a.refresh()).statusCode()).isEqualTo(400);
        assertThat(apps.active(server, a.opaqueAccess())).isTrue();
    }
}
