package dev.cell.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.support.TestWorld;
import dev.cell.token.AccessTokenFormat;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8707 §2: what a {@code resource} value may be and which ones a client may ask for. */
class ResourcesTest {
    static final String API = "https://api.example.com/";
    static final String MCP = "https://mcp.example.com/mcp";

    static Client withAudiences(Client c, List<String> audiences) {
        return c.toBuilder().metadata(m -> m.audiences(audiences)).updatedAt(Instant.now()).build();
    }

    private static void invalidTarget(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_TARGET));
    }

    @Test
    void absoluteUrisWithoutFragmentAreKeptDistinctAndInOrder() {
        assertThat(Resources.parse(MCP + " " + API + " " + MCP)).containsExactly(MCP, API);
        assertThat(Resources.parse("urn:example:api")).containsExactly("urn:example:api");
        assertThat(Resources.parse(null)).isEmpty();
        assertThat(Resources.parse("  ")).isEmpty();
    }

    @Test
    void relativeMalformedFragmentedOverlongAndTooManyAreInvalidTarget() {
        invalidTarget(() -> Resources.parse("/api"));
        invalidTarget(() -> Resources.parse("api.example.com"));
        invalidTarget(() -> Resources.parse("https://api.example.com/#frag"));
        invalidTarget(() -> Resources.parse("https://api.example.com/#"));
        invalidTarget(() -> Resources.parse("https://exa mple.com/%zz"));
        invalidTarget(() -> Resources.parse("https://[::1"));
        invalidTarget(() -> Resources.parse("https://api.example.com/" + "a".repeat(Resources.MAX_LENGTH)));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= Resources.MAX_COUNT; i++) {
            many.append("https://r").append(i).append(".example/ ");
        }
        invalidTarget(() -> Resources.parse(many.toString()));
    }

    @Test
    void aClientMayAskOnlyForItsRegisteredAudiences() {
        Client client = withAudiences(TestWorld.client("web", AccessTokenFormat.JWT, Set.of("client_credentials"), List.of()), List.of(API, MCP));
        assertThat(Resources.allowed(client, MCP)).containsExactly(MCP);
        assertThat(Resources.allowed(client, null)).isEmpty();
        invalidTarget(() -> Resources.allowed(client, "https://evil.example/"));
        invalidTarget(() -> Resources.allowed(client, API + " https://evil.example/"));
        invalidTarget(() -> Resources.allowed(TestWorld.client("web"), "https://web/"));
    }

    @Test
    void laterRequestsMayNarrowNeverWiden() {
        assertThat(Resources.narrow(List.of(), List.of(API, MCP))).containsExactly(API, MCP);
        assertThat(Resources.narrow(List.of(MCP), List.of(API, MCP))).containsExactly(MCP);
        assertThat(Resources.narrow(List.of(MCP), List.of())).as("within the default audience").containsExactly(MCP);
        invalidTarget(() -> Resources.narrow(List.of(MCP), List.of(API)));
        invalidTarget(() -> Resources.narrow(List.of(API, MCP), List.of(API)));
    }
}
