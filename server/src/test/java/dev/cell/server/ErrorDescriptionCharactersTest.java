package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.error.ErrorDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message the code base can put in {@code error_description} uses only the characters RFC 6749 §5.2 allows. */
class ErrorDescriptionCharactersTest {
    /** Calls whose string arguments become an error_description. */
    private static final Pattern ERROR_CALL = Pattern.compile(
            "(new OAuthException\\(|new IllegalArgumentException\\(|OAuthException\\.\\w+\\(|new AuthorizationRedirectException\\(|\\binvalid\\w*\\(|reject\\.with\\(|failure\\.apply\\(|\\bdeny\\(|\\bfail\\w*\\()");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void everyErrorMessageLiteralIsInTheAllowedSet() throws IOException {
        List<String> offending = new ArrayList<>();
        int checked = 0;
        for (String module : List.of("core", "jdbc", "server")) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher call = ERROR_CALL.matcher(source);
                    while (call.find()) {
                        String args = argumentsOf(source, call.end());
                        Matcher literal = LITERAL.matcher(args);
                        while (literal.find()) {
                            checked++;
                            String text = literal.group(1).replace("\\\"", "'").replace("\\\\", "/");
                            if (!ErrorDescription.allowed(text)) {
                                offending.add(file.getFileName() + ": " + literal.group(1));
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).as("error message literals found").isGreaterThan(100);
        assertThat(offending).isEmpty();
    }

    /** The text of a call's arguments: from just after its '(' to the matching ')'. */
    private static String argumentsOf(String source, int start) {
        int depth = 1;
        boolean inString = false;
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(start, i);
            }
        }
        return source.substring(start);
    }
}
