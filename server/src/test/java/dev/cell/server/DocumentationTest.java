package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cell.config.ConfigKey;
import dev.cell.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key with its environment variable and default. */
class DocumentationTest {
    private static String read(String file) throws Exception {
        return Files.readString(Path.of("..").resolve(file));
    }

    @Test
    void everyConfigurationKeyIsDocumentedWithItsDefault() throws Exception {
        String docs = read("docs/configuration.md");
        for (ConfigKey key : ConfigKeys.ALL) {
            String row = docs.lines().filter(l -> l.startsWith("| `" + key.path() + "` |")).findFirst().orElse(null);
            assertThat(row).as("row for " + key.path()).isNotNull();
            assertThat(row).contains("`" + key.envName() + "`");
            if (key.defaultValue() != null && !key.defaultValue().isEmpty()) {
                assertThat(row).as("default of " + key.path()).contains("`" + key.defaultValue() + "`");
            }
        }
    }

    @Test
    void readmeListsEveryEndpoint() throws Exception {
        String readme = read("README.md");
        for (String path : new String[] {"/oauth/token", "/oauth/jwks", "/oauth/token_key", "/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server", "/health/live", "/health/ready", "/metrics", "/oauth/authorize", "/oauth/login",
            "/oauth/confirm_access", "/userinfo", "/oauth/logout", "/oauth/error", "/oauth/introspect", "/oauth/revoke", "/oauth/check_token", "/oauth/par",
            "/oauth/register", "/oauth/register/{client_id}", "/account", "/oauth/device_authorization", "/device"}) {
            assertThat(readme).as(path).contains("`" + path + "`");
        }
    }
}
