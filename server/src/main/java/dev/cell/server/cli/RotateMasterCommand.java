package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.event.AuditEvent;
import dev.cell.jdbc.Database;
import dev.cell.keys.MasterKey;
import dev.cell.keys.MasterKeyRotation;
import dev.cell.server.MasterKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cell keys rotate-master}: re-seals every private signing key and {@code client_secret_jwt} secret under a new master
 * key in one database transaction (NIST SP 800-57 Part 1 §5.3), so a crash leaves every value under the old key or every
 * value under the new one; a second run finishes what the first did not.
 */
@Command(name = "rotate-master", mixinStandardHelpOptions = true,
        description = {"Re-seal every private signing key and client_secret_jwt secret under a new master key, in one transaction.",
            "The current key is the configured one (keys.master-key or keys.master-key-file). Afterwards configure the new key "
                    + "on every node and restart them; until then nodes keep signing with the keys they loaded, but cannot open "
                    + "client_secret_jwt secrets."})
final class RotateMasterCommand implements Runnable {
    @ParentCommand
    KeysCommand parent;

    @Option(names = "--new-master-key-file", required = true, paramLabel = "FILE",
            description = "File holding the new master key: base64 of 32 random bytes, e.g. from `openssl rand -base64 32`.")
    Path newKeyFile;

    @Option(names = "--demo", description = "The current key is the demo master key kept in ./data.")
    boolean demo;

    @Override
    public void run() {
        if (parent.server.connection(System.getenv()).isPresent()) {
            throw CommandFailure.badInput("keys rotate-master works on the database only: the master key never leaves the servers' hosts");
        }
        CellConfig config = Cli.config(parent.root);
        SecureRandom random = Cli.random();
        MasterKey current = MasterKeys.resolve(config.keys(), demo, random);
        MasterKey next = MasterKeys.fromFile(newKeyFile, random);
        MasterKeyRotation.Result r;
        try (Database db = Cli.open(config)) {
            r = MasterKeyRotation.rotate(db.sealedSecrets(), current, next, Instant.now());
        }
        Cli.audit().record(AuditEvent.success("keys.master_rotated", Cli.actor(), null, null)
                .with("from_master_key_id", current.id()).with("to_master_key_id", next.id())
                .with("signing_keys", Integer.toString(r.signingKeys())).with("client_secrets", Integer.toString(r.clientSecrets()))
                .with("server_secrets", Integer.toString(r.serverSecrets())));
        System.out.println("re-sealed " + r.signingKeys() + " signing keys, " + r.clientSecrets() + " client secrets and " + r.serverSecrets()
                + " server secrets under master key "
                + next.id() + (r.alreadyUnderNext() > 0 ? " (" + r.alreadyUnderNext() + " already were)" : ""));
        System.out.println("now configure the new master key (keys.master-key or keys.master-key-file) on every node and restart them");
    }
}
