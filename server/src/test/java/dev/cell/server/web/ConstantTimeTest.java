package dev.cell.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.authorize.Pkce;
import dev.cell.error.OAuthException;
import dev.cell.token.TokenHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secret comparisons take time independent of where the values differ (RFC 9700 §4.2 leaves timing to implementers; RFC 6749
 * §10.10). A timing test would be flaky, so this proves two weaker, exact things: each comparison gives the right answer, and
 * the code of each compares with {@code MessageDigest.isEqual} (constant-time since JDK 6u17), and no other main source
 * compares a secret-named value with {@code String.equals}. It does not measure time.
 */
class ConstantTimeTest {
    private static final Path ROOT = Path.of("..");
    /** Each comparison of a presented secret with what Cell holds: the file and the method that must use MessageDigest.isEqual. */
    private static final Map<String, String> COMPARISONS = Map.of(
            "core/src/main/java/dev/cell/token/TokenHasher.java", "matches",
            "core/src/main/java/dev/cell/authorize/Pkce.java", "verify",
            "server/src/main/java/dev/cell/server/web/Csrf.java", "check");
    /** {@code .equals} with a secret-named operand on either side. */
    private static final Pattern SECRET_EQUALS = Pattern.compile(
            "\\w*(?i:secret|password|verifier|csrf|hash)\\w*(\\(\\))?\\.equals\\(|\\.equals\\(\\w*(?i:secret|password|verifier|csrf|hash)");
    /** Reviewed uses: both sides are values the server itself stored, so no attacker times them. */
    private static final List<String> REVIEWED = List.of(
            "AuthorizationService.java: session.idHash().equals(current.authenticatedSession());",
            "SessionEnder.java: if (!s.idHash().equals(keepSessionId)) {");

    @Test
    void eachComparisonAnswersRightly() {
        String secret = "s3cret-value-with-enough-entropy-0123456789";
        assertThat(TokenHasher.matches(secret, TokenHasher.hash(secret))).isTrue();
        assertThat(TokenHasher.matches(secret + "x", TokenHasher.hash(secret))).isFalse();
        assertThat(TokenHasher.matches(null, TokenHasher.hash(secret))).isFalse();
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertThat(Pkce.verify(verifier, Pkce.s256(verifier), Pkce.S256)).isTrue();
        assertThat(Pkce.verify(verifier.replace('d', 'e'), Pkce.s256(verifier), Pkce.S256)).isFalse();
        String browser = "browser-id-0123456789-abcdefghijklmnop";
        Csrf csrf = new Csrf(new byte[32]);
        csrf.check(csrf.token(browser), browser);
        assertThatThrownBy(() -> csrf.check(csrf.token(browser + "x"), browser)).isInstanceOf(OAuthException.class);
        assertThatThrownBy(() -> csrf.check(null, browser)).isInstanceOf(OAuthException.class);
    }

    @Test
    void eachComparisonUsesMessageDigestIsEqual() throws IOException {
        for (Map.Entry<String, String> c : COMPARISONS.entrySet()) {
            String body = methodBody(Files.readString(ROOT.resolve(c.getKey())), c.getValue());
            assertThat(body).as(c.getKey() + "#" + c.getValue()).contains("MessageDigest.isEqual(");
        }
    }

    @Test
    void noOtherSecretIsComparedWithStringEquals() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : List.of("core", "jdbc", "server")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        if (SECRET_EQUALS.matcher(line).find()) {
                            found.add(f.getFileName() + ": " + line.strip().replaceFirst("^&& ", ""));
                        }
                    }
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(REVIEWED);
    }

    /** The text of a method from its name to its closing brace (enough for these small methods). */
    private static String methodBody(String source, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\(").matcher(source);
        assertThat(m.find()).as("method " + name).isTrue();
        int depth = 0;
        int start = source.indexOf('{', m.end());
        for (int i = start; i < source.length(); i++) {
            depth += source.charAt(i) == '{' ? 1 : source.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return source.substring(start, i + 1);
            }
        }
        throw new AssertionError("unbalanced method " + name);
    }
}
