package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.account.User;
import dev.cell.client.Client;
import dev.cell.client.ClientMetadata;
import dev.cell.jdbc.Database;
import dev.cell.server.cli.CellCommand;
import dev.cell.token.TokenHasher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line manages clients and users in the configured database. */
class CliTest {
    @TempDir
    Path dir;
    String dbUrl;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void config() throws Exception {
        dbUrl = "jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath();
        java.nio.file.Files.writeString(dir.resolve("cell.yaml"), "database:\n  url: \"" + dbUrl + "\"\nlogging:\n  format: text\n  audit-file: \""
                + dir.resolve("audit.log") + "\"\n");
        assertThat(cell("init").code()).isZero();      // management commands never create a database; init does
    }

    private Run cell(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--config", dir.resolve("cell.yaml").toString()));
            all.addAll(List.of(args));
            int code = CellCommand.run(all.toArray(String[]::new));
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile(name + ":\\s+(\\S+)").matcher(out);
        assertThat(m.find()).as(name + " in output").isTrue();
        return m.group(1);
    }

    private Database db() {
        return new Database(dbUrl, "", "", 2);
    }

    @Test
    void clientLifecycle() {
        Run created = cell("client", "create", "--name", "Billing", "--id", "billing", "--scope", "invoices.read", "--scope", "invoices.write");
        assertThat(created.code()).isZero();
        String secret = field(created.out(), "client_secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        try (Database db = db()) {
            Client c = db.stores().clients().find("billing").orElseThrow();
            assertThat(c.secretHash()).isEqualTo(TokenHasher.hash(secret));
            assertThat(c.scopes()).containsExactlyInAnyOrder("invoices.read", "invoices.write");
            assertThat(c.grantTypes()).containsExactly("client_credentials");
        }

        Run list = cell("client", "list");
        assertThat(list.out()).contains("billing").contains("client_secret_basic").doesNotContain(secret);
        Run show = cell("client", "show", "billing");
        assertThat(show.out()).contains("client_name:").contains("Billing").doesNotContain(secret);

        Run rotated = cell("client", "rotate-secret", "billing");
        String newSecret = field(rotated.out(), "client_secret");
        assertThat(newSecret).isNotEqualTo(secret);
        try (Database db = db()) {
            assertThat(db.stores().clients().find("billing").orElseThrow().secretHash()).isEqualTo(TokenHasher.hash(newSecret));
        }

        assertThat(cell("client", "delete", "billing").code()).isZero();
        assertThat(cell("client", "show", "billing").code()).isEqualTo(2);
    }

    @Test
    void badClientInputIsOneLineWithExitCode2() {
        Run duplicate = cell("client", "create", "--name", "A", "--id", "dup");
        assertThat(duplicate.code()).isZero();
        Run again = cell("client", "create", "--name", "A", "--id", "dup");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).startsWith("error:").doesNotContain("\tat ");
        Run badGrant = cell("client", "create", "--name", "B", "--grant", "magic");
        assertThat(badGrant.code()).isEqualTo(1);
        assertThat(badGrant.err()).contains("invalid_client_metadata").contains("grant type 'magic' is not offered by this server");
        Run publicCc = cell("client", "create", "--name", "C", "--auth-method", "none");
        assertThat(publicCc.code()).isEqualTo(1);
        Run noRedirect = cell("client", "create", "--name", "D", "--grant", "authorization_code");
        assertThat(noRedirect.err()).contains("invalid_redirect_uri").contains("at least one redirect URI");
        Run fragment = cell("client", "create", "--name", "E", "--grant", "authorization_code", "--redirect-uri", "https://a.example/cb#x");
        assertThat(fragment.err()).contains("fragment");
    }

    @Test
    void redirectUrisABrowserMustNeverBeSentToAreRefused() {
        for (String bad : List.of("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
                "about:blank", "blob:https://app.example/0e5c", "https://*.example/cb", "https://app.example/cb#x", "/cb",
                "https://user@app.example/cb", "myapp:/cb", "http://app.example/cb")) {
            for (String option : List.of("--redirect-uri", "--post-logout-redirect-uri")) {
                Run r = cell("client", "create", "--name", "Bad", "--grant", "authorization_code", "--redirect-uri",
                        option.equals("--redirect-uri") ? bad : "https://app.example/cb", option, bad);
                assertThat(r.code()).as(option + " " + bad).isEqualTo(1);
                assertThat(r.err()).as(option + " " + bad).startsWith("error:").contains(bad);
            }
        }
        try (Database db = db()) {
            assertThat(db.stores().clients().list()).isEmpty();
        }
        Run good = cell("client", "create", "--name", "Good", "--id", "good", "--grant", "authorization_code", "--redirect-uri",
                "https://app.example/cb", "--redirect-uri", "http://127.0.0.1/cb", "--redirect-uri", "com.example.app:/cb",
                "--post-logout-redirect-uri", "https://app.example/bye", "--post-logout-redirect-uri", "com.example.app:/bye");
        assertThat(good.code()).as(good.err()).isZero();
    }

    @Test
    void clientUpdateChangesOnlyWhatItNamesThroughTheSameValidator() {
        assertThat(cell("client", "create", "--name", "App", "--id", "app", "--grant", "authorization_code", "--redirect-uri",
                "https://app.example/cb", "--scope", "openid").code()).isZero();
        Run updated = cell("client", "update", "app", "--name", "App two", "--logo-uri", "https://app.example/logo.png",
                "--redirect-uri", "https://app.example/cb2", "--first-party", "true");
        assertThat(updated.code()).as(updated.err()).isZero();
        try (Database db = db()) {
            Client c = db.stores().clients().find("app").orElseThrow();
            assertThat(c.clientName()).isEqualTo("App two");
            assertThat(c.metadata().logoUri()).isEqualTo("https://app.example/logo.png");
            assertThat(c.redirectUris()).containsExactly("https://app.example/cb2");
            assertThat(c.firstParty()).isTrue();
            assertThat(c.scopes()).as("left out, kept").containsExactly("openid");
        }
        Run bad = cell("client", "update", "app", "--redirect-uri", "http://app.example/cb");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: invalid_redirect_uri:");
        Run logo = cell("client", "update", "app", "--logo-uri", "http://app.example/logo.png");
        assertThat(logo.err()).startsWith("error: invalid_client_metadata:").contains("logo_uri");
        try (Database db = db()) {
            assertThat(db.stores().clients().find("app").orElseThrow().redirectUris()).containsExactly("https://app.example/cb2");
        }
    }

    @Test
    void rotateSecretWithAGracePeriodKeepsTheOldSecretForThatLong() {
        Run created = cell("client", "create", "--name", "Job", "--id", "job");
        String old = field(created.out(), "client_secret");
        Run rotated = cell("client", "rotate-secret", "job", "--grace-period", "1h");
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("previous secret valid until:");
        try (Database db = db()) {
            Client c = db.stores().clients().find("job").orElseThrow();
            assertThat(c.secretHash()).isEqualTo(TokenHasher.hash(field(rotated.out(), "client_secret")));
            assertThat(c.previousSecretHash()).isEqualTo(TokenHasher.hash(old));
            assertThat(c.previousSecretExpiresAt()).isAfter(java.time.Instant.now().plusSeconds(3500));
        }
        assertThat(cell("client", "rotate-secret", "job", "--grace-period", "soon").code()).isEqualTo(1);
    }

    @Test
    void aConfidentialClientMayBeRegisteredOrUpdatedWithPkceOptionalAndAPublicOneNot() {
        Run created = cell("client", "create", "--name", "RP", "--id", "rp", "--grant", "authorization_code", "--redirect-uri",
                "https://rp.example/cb", "--pkce", "optional");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(field(created.out(), "pkce")).isEqualTo("optional");
        try (Database db = db()) {
            assertThat(db.stores().clients().find("rp").orElseThrow().pkceRequired()).isFalse();
        }
        Run required = cell("client", "update", "rp", "--pkce", "required");
        assertThat(required.code()).as(required.err()).isZero();
        assertThat(field(required.out(), "pkce")).isEqualTo("required");
        assertThat(field(cell("client", "update", "rp", "--pkce", "optional").out(), "pkce")).isEqualTo("optional");
        try (Database db = db()) {
            assertThat(db.stores().clients().find("rp").orElseThrow().pkceRequired()).isFalse();
        }

        Run byDefault = cell("client", "create", "--name", "Web", "--id", "web", "--grant", "authorization_code", "--redirect-uri",
                "https://web.example/cb");
        assertThat(field(byDefault.out(), "pkce")).isEqualTo("required");
        Run publicOptional = cell("client", "create", "--name", "SPA", "--id", "spa", "--auth-method", "none", "--grant", "authorization_code",
                "--redirect-uri", "https://spa.example/cb", "--pkce", "optional");
        assertThat(publicOptional.code()).isEqualTo(1);
        assertThat(publicOptional.err()).startsWith("error:").contains("public client");
        assertThat(cell("client", "create", "--name", "SPA", "--id", "spa", "--auth-method", "none", "--grant", "authorization_code",
                "--redirect-uri", "https://spa.example/cb").code()).isZero();
        Run update = cell("client", "update", "spa", "--pkce", "optional");
        assertThat(update.code()).isEqualTo(1);
        assertThat(update.err()).contains("public client");
        assertThat(cell("client", "update", "rp", "--pkce", "sometimes").err()).contains("--pkce must be required or optional");
        assertThat(cell("client", "update", "nobody", "--pkce", "optional").code()).isEqualTo(2);
        try (Database db = db()) {
            assertThat(db.stores().clients().find("spa").orElseThrow().pkceRequired()).isTrue();
        }
    }

    @Test
    void aClientCanBeRequiredToPushOrSignItsRequests() {
        Run created = cell("client", "create", "--name", "FAPI", "--id", "fapi", "--grant", "authorization_code", "--redirect-uri",
                "https://fapi.example/cb", "--require-par");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(field(created.out(), "require_pushed_authorization_requests")).isEqualTo("true");
        try (Database db = db()) {
            assertThat(db.stores().clients().find("fapi").orElseThrow().metadata().requirePushedAuthorizationRequests()).isTrue();
        }
        Run lifted = cell("client", "update", "fapi", "--require-par", "false");
        assertThat(lifted.code()).as(lifted.err()).isZero();
        try (Database db = db()) {
            assertThat(db.stores().clients().find("fapi").orElseThrow().metadata().requirePushedAuthorizationRequests()).isFalse();
        }
        Run unsignable = cell("client", "update", "fapi", "--require-signed-request-object", "true");
        assertThat(unsignable.code()).isEqualTo(1);
        assertThat(unsignable.err()).startsWith("error:").contains("private_key_jwt");
        assertThat(cell("client", "update", "fapi").err()).contains("--require-par");
    }

    @Test
    void aClientRegistersItsBackchannelLogoutUriAndCanDropIt() {
        Run created = cell("client", "create", "--name", "Notes", "--id", "notes-bcl", "--grant", "authorization_code", "--redirect-uri",
                "https://notes.example/cb", "--backchannel-logout-uri", "https://notes.example/backchannel-logout",
                "--backchannel-logout-session-required");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(field(created.out(), "backchannel_logout_uri")).isEqualTo("https://notes.example/backchannel-logout");
        assertThat(field(created.out(), "backchannel_logout_session_required")).isEqualTo("true");
        try (Database db = db()) {
            ClientMetadata m = db.stores().clients().find("notes-bcl").orElseThrow().metadata();
            assertThat(m.backchannelLogoutUri()).isEqualTo("https://notes.example/backchannel-logout");
            assertThat(m.backchannelLogoutSessionRequired()).isTrue();
        }
        Run plainHttp = cell("client", "update", "notes-bcl", "--backchannel-logout-uri", "http://notes.example/b");
        assertThat(plainHttp.code()).isEqualTo(1);
        assertThat(plainHttp.err()).contains("backchannel_logout_uri");
        Run dropped = cell("client", "update", "notes-bcl", "--backchannel-logout-uri", "", "--backchannel-logout-session-required", "false");
        assertThat(dropped.code()).as(dropped.err()).isZero();
        try (Database db = db()) {
            ClientMetadata m = db.stores().clients().find("notes-bcl").orElseThrow().metadata();
            assertThat(m.backchannelLogoutUri()).isNull();
            assertThat(m.backchannelLogoutSessionRequired()).isFalse();
        }
    }

    @Test
    void aClientIsToldWhoseTokensItMayExchange() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("cell.yaml"), "features:\n  token-exchange:\n    enabled: true\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run created = cell("client", "create", "--name", "Gateway", "--id", "gateway", "--grant",
                "urn:ietf:params:oauth:grant-type:token-exchange", "--scope", "profile", "--token-exchange-subject", "portal",
                "--token-exchange-subject", "https://idp.example.com");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("token_exchange_subjects:    https://idp.example.com portal");
        try (Database db = db()) {
            assertThat(db.stores().clients().find("gateway").orElseThrow().tokenExchangeSubjects())
                    .containsExactlyInAnyOrder("portal", "https://idp.example.com");
        }
        Run blank = cell("client", "create", "--name", "Blank", "--grant", "urn:ietf:params:oauth:grant-type:token-exchange",
                "--token-exchange-subject", " ");
        assertThat(blank.code()).isEqualTo(1);
        assertThat(blank.err()).contains("token_exchange_subjects");
    }

    @Test
    void userLifecycleStoresArgon2idHashes() {
        Run created = cell("user", "create", "alice", "--password", "correct horse battery", "--email", "alice@example.com",
                "--authority", "ROLE_ADMIN");
        assertThat(created.code()).as(created.err()).isZero();
        try (Database db = db()) {
            User alice = db.stores().users().findByUsername("alice").orElseThrow();
            assertThat(alice.passwordHash()).startsWith("$argon2id$").doesNotContain("correct horse");
            assertThat(alice.claims()).containsEntry("email", "alice@example.com");
            assertThat(alice.authorities()).containsExactly("ROLE_ADMIN");
        }
        String before;
        try (Database db = db()) {
            before = db.stores().users().findByUsername("alice").orElseThrow().passwordHash();
        }
        assertThat(cell("user", "passwd", "alice", "--password", "another long password").code()).isZero();
        try (Database db = db()) {
            String after = db.stores().users().findByUsername("alice").orElseThrow().passwordHash();
            assertThat(after).isNotEqualTo(before);
            assertThat(new dev.cell.account.PasswordHasher().verify("another long password", after)).isTrue();
        }
        assertThat(cell("user", "create", "bob", "--password", "short").err()).contains("at least 8");
        assertThat(cell("user", "delete", "alice").code()).isZero();
        assertThat(cell("user", "delete", "alice").code()).isEqualTo(2);
    }

    @Test
    void userUpdateSetsClearsAndChecksStandardClaims() {
        assertThat(cell("user", "create", "ada", "--password", "correct horse battery").code()).isZero();
        Run set = cell("user", "update", "ada", "--claim", "given_name=Ada", "--claim", "email=ada@example.com", "--claim",
                "address.locality=London", "--claim", "zoneinfo=Europe/London", "--claim", "website=https://ada.example/?a=b");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("updated user ada");
        java.time.Instant firstUpdate;
        try (Database db = db()) {
            User ada = db.stores().users().findByUsername("ada").orElseThrow();
            assertThat(ada.claims()).containsEntry("given_name", "Ada").containsEntry("email", "ada@example.com")
                    .containsEntry("email_verified", false).containsEntry("address", java.util.Map.of("locality", "London"))
                    .containsEntry("website", "https://ada.example/?a=b");
            firstUpdate = ada.updatedAt();
        }
        Run clear = cell("user", "update", "ada", "--clear", "given_name", "--clear", "address.locality", "--claim", "email_verified=true");
        assertThat(clear.code()).as(clear.err()).isZero();
        try (Database db = db()) {
            User ada = db.stores().users().findByUsername("ada").orElseThrow();
            assertThat(ada.claims()).doesNotContainKeys("given_name", "address").containsEntry("email_verified", true)
                    .containsEntry("zoneinfo", "Europe/London");
            assertThat(ada.updatedAt()).isAfterOrEqualTo(firstUpdate);
        }
        for (String[] bad : new String[][] {{"--claim", "email=nope"}, {"--claim", "birthdate=12/10/1815"},
            {"--claim", "zoneinfo=Mars/Olympus"}, {"--claim", "website=ftp://ada.example"}, {"--claim", "phone_number=0207"},
            {"--claim", "locale=not a tag"}, {"--claim", "shoe_size=42"}, {"--claim", "name=" + "x".repeat(300)}, {"--clear", "address.moon"}}) {
            List<String> args = new ArrayList<>(List.of("user", "update", "ada"));
            args.addAll(List.of(bad));
            Run r = cell(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(1);
            assertThat(r.err()).startsWith("error:").doesNotContain("\tat ");
        }
        assertThat(cell("user", "update", "ada", "--claim", "email=nope").err()).contains("claim email must be an email address");
        assertThat(cell("user", "update", "ada").err()).contains("--claim or --clear");
        assertThat(cell("user", "update", "nobody", "--claim", "name=X").err()).contains("no user 'nobody'");
        assertThat(cell("user", "create", "bad", "--password", "correct horse battery", "--email", "bad").err()).contains("claim email");
    }

    @Test
    void everyCommandHasACleanHelp() {
        String[][] commands = {{}, {"start"}, {"client"}, {"client", "create"}, {"client", "list"}, {"client", "show"},
            {"client", "delete"}, {"client", "rotate-secret"}, {"client", "update"}, {"user"}, {"user", "create"}, {"user", "update"}, {"user", "passwd"}, {"user", "delete"},
            {"keys"}, {"keys", "rotate"}, {"keys", "list"}, {"demo"}, {"init"}};
        for (String[] c : commands) {
            List<String> args = new ArrayList<>(List.of(c));
            args.add("--help");
            Run help = cell(args.toArray(String[]::new));
            assertThat(help.code()).as(String.join(" ", c)).isZero();
            assertThat(help.out()).contains("Usage: cell").contains("-h, --help");
        }
    }

    @Test
    void theRootHelpAndAnUnknownCommandListEveryCommand() {
        assertThat(cell("--help").out()).contains("start").contains("client").contains("user").contains("keys").contains("init")
                .containsPattern("(?m)^ +demo +Run the whole picture");     // the launcher runs it, and the help says so
        Run unknown = cell("stop");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("stop").contains("Did you mean: cell start");
    }

    @Test
    void anUnknownConfigKeyStopsWithItsName() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("cell.yaml"), "server:\n  colour: blue\n");
        Run r = cell("client", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("server.colour").doesNotContain("\tat ");
    }

    @Test
    void startWithoutAMasterKeyExplainsWhatToDo() throws Exception {
        Run r = cell("start", "--port", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("keys.master-key is not set").contains("--demo");
    }

    @Test
    void aFailedStartReadsTheSameWhetherOrNotPicocliParsedTheCommandLine() throws Exception {
        Run fast = cell("start", "--port", "0");            // a plain start: read without picocli
        Run picocli = cell("start", "--port", "+0");        // the same port in a form only picocli reads
        assertThat(fast.code()).isEqualTo(1);
        assertThat(picocli.code()).isEqualTo(fast.code());
        assertThat(errorLines(fast)).hasSize(1).isEqualTo(errorLines(picocli));
    }

    @Test
    void startReportsAnUnreachableDatabaseInOneLine() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String master = dev.cell.keys.MasterKey.generate(new java.security.SecureRandom());
        java.nio.file.Files.writeString(dir.resolve("cell.yaml"), "database:\n  url: \"jdbc:postgresql://127.0.0.1:" + closedPort
                + "/cell\"\nkeys:\n  master-key: \"" + master + "\"\n");
        Run r = cell("start", "--port", "0");
        assertThat(r.code()).isEqualTo(3);
        assertThat(errorLines(r)).singleElement().asString().startsWith("error: cannot connect to the database");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    /** The lines of standard error that report the failure (the others are log lines). */
    private static List<String> errorLines(Run r) {
        return r.err().lines().filter(l -> l.startsWith("error:")).toList();
    }

    @Test
    void keysRotateAddsAnActiveKeyPerAlgorithm() throws Exception {
        String master = dev.cell.keys.MasterKey.generate(new java.security.SecureRandom());
        java.nio.file.Files.writeString(dir.resolve("master.key"), master);
        java.nio.file.Files.writeString(dir.resolve("cell.yaml"), "database:\n  url: \"" + dbUrl + "\"\nkeys:\n  master-key-file: \""
                + dir.resolve("master.key") + "\"\n");
        Run first = cell("keys", "rotate");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("RS256").contains("ES256");
        try (Database db = db()) {
            var keys = db.stores().signingKeys().listAll();
            assertThat(keys).hasSize(4);
            assertThat(keys.stream().filter(k -> k.isActive()).map(k -> k.alg())).containsExactlyInAnyOrder("RS256", "ES256");
            assertThat(keys.stream().filter(k -> !k.isActive())).allSatisfy(k -> assertThat(k.expiresAt()).isNotNull());
        }
        assertThat(cell("keys", "list").out()).contains("active").contains("retired");
    }
}
