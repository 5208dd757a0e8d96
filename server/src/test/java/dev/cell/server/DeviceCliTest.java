package dev.cell.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cell client create --grant urn:ietf:params:oauth:grant-type:device_code} works exactly while the device grant is on. */
class DeviceCliTest {
    @TempDir
    Path dir;

    private Path config(boolean device) throws Exception {
        Path file = dir.resolve(device ? "on.yaml" : "off.yaml");
        Files.writeString(file, "database:\n  url: \"jdbc:h2:file:" + dir.resolve("cell").toAbsolutePath() + "\"\nlogging:\n  format: text\n"
                + "  audit-file: \"" + dir.resolve("audit.log") + "\"\nfeatures:\n  device-authorization:\n    enabled: " + device + "\n");
        return file;
    }

    @Test
    void aClientIsRegisteredForTheDeviceGrantOnlyWhileTheFeatureIsOn() throws Exception {
        Path on = config(true);
        Path off = config(false);
        assertThat(CliRunner.run(on, "", "init").code()).isZero();

        CliRunner.Run refused = CliRunner.run(off, "", "client", "create", "--id", "tv", "--name", "TV", "--auth-method", "none", "--grant",
                DeviceFlowTest.GRANT, "--scope", "profile");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("not offered");

        CliRunner.Run created = CliRunner.run(on, "", "client", "create", "--id", "tv", "--name", "TV", "--auth-method", "none", "--grant",
                DeviceFlowTest.GRANT, "--grant", "refresh_token", "--scope", "openid,profile,offline_access", "-o", "json");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains(DeviceFlowTest.GRANT);
    }
}
