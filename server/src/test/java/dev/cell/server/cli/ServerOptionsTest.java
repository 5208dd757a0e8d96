package dev.cell.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --server and its credentials, from options first and the environment second; never sending credentials in the clear. */
class ServerOptionsTest {
    private static ServerOptions options(String server, String token, String id, String secret) {
        ServerOptions o = new ServerOptions();
        o.server = server;
        o.token = token;
        o.clientId = id;
        o.clientSecret = secret;
        return o;
    }

    @Test
    void withoutAServerCommandsWorkOnTheDatabase() {
        assertThat(options(null, null, null, null).connection(Map.of())).isEmpty();
        assertThatThrownBy(() -> options(null, "t", null, null).connection(Map.of())).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("need --server");
    }

    @Test
    void theEnvironmentFillsWhatTheOptionsLeaveOut() {
        AdminConnection c = options(null, null, null, null).connection(Map.of("CELL_SERVER", "https://id.example.com/",
                "CELL_CLIENT_ID", "ops", "CELL_CLIENT_SECRET", "s3cret")).orElseThrow();
        assertThat(c.server()).isEqualTo(URI.create("https://id.example.com"));
        assertThat(c.clientId()).isEqualTo("ops");
        assertThat(c.clientSecret()).isEqualTo("s3cret");
        assertThat(c.toString()).doesNotContain("s3cret");
        AdminConnection t = options(null, null, null, null).connection(Map.of("CELL_SERVER", "https://id.example.com/admin/api/v1",
                "CELL_TOKEN", "tok")).orElseThrow();
        assertThat(t.token()).isEqualTo("tok");
        assertThat(t.api("/users")).isEqualTo(URI.create("https://id.example.com/admin/api/v1/users"));
        AdminConnection given = options("https://other.example/cell", null, "mine", "x").connection(Map.of("CELL_SERVER", "https://id.example.com",
                "CELL_TOKEN", "tok")).orElseThrow();
        assertThat(given.server()).isEqualTo(URI.create("https://other.example/cell"));
        assertThat(given.clientId()).as("a client given on the command line wins over CELL_TOKEN").isEqualTo("mine");
    }

    @Test
    void credentialsNeverTravelInTheClear() {
        for (String bad : new String[] {"http://id.example.com", "ftp://id.example.com", "id.example.com", "https://u:p@id.example.com",
            "https://id.example.com/?a=b", "https://id.example.com/#x"}) {
            assertThatThrownBy(() -> options(bad, "t", null, null).connection(Map.of())).as(bad).isInstanceOf(CommandFailure.class)
                    .extracting(e -> ((CommandFailure) e).exitCode()).isEqualTo(CommandFailure.BAD_INPUT);
        }
        for (String loopback : new String[] {"http://localhost:9000", "http://127.0.0.1:9000", "http://[::1]:9000"}) {
            assertThat(options(loopback, "t", null, null).connection(Map.of())).as(loopback).isPresent();
        }
        assertThatThrownBy(() -> options("https://id.example.com", null, "ops", null).connection(Map.of()))
                .hasMessageContaining("needs credentials");
    }
}
