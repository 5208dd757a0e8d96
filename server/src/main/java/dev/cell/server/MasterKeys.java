package dev.cell.server;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigException;
import dev.cell.keys.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the master key: {@code keys.master-key}, else {@code keys.master-key-file}, else in demo mode a generated file. */
public final class MasterKeys {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    /** Where demo mode keeps its generated master key. */
    public static final Path DEMO_FILE = Path.of("data", "master.key");

    private MasterKeys() {}

    public static MasterKey resolve(CellConfig.Keys keys, boolean demo, SecureRandom random) {
        if (keys.masterKey() != null) {
            return parse(keys.masterKey(), "keys.master-key", random);
        }
        if (keys.masterKeyFile() != null) {
            return parse(read(Path.of(keys.masterKeyFile())), "keys.master-key-file " + keys.masterKeyFile(), random);
        }
        if (demo) {
            return parse(demoKey(random), "demo master key " + DEMO_FILE, random);
        }
        throw new ConfigException("keys.master-key is not set: give it (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) "
                + "in CELL_KEYS_MASTER_KEY or the config file, or set keys.master-key-file, or run with --demo");
    }

    /** A master key kept in a file (base64 of 32 bytes), such as the new key of a master key rotation. */
    public static MasterKey fromFile(Path file, SecureRandom random) {
        return parse(read(file), file.toString(), random);
    }

    private static MasterKey parse(String encoded, String source, SecureRandom random) {
        try {
            return MasterKey.parse(encoded, random);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new ConfigException("keys.master-key-file: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String demoKey(SecureRandom random) {
        try {
            if (Files.exists(DEMO_FILE)) {
                LOG.warn("demo mode: using the master key kept in {}; never do this in production", DEMO_FILE);
                return Files.readString(DEMO_FILE).trim();
            }
            Files.createDirectories(DEMO_FILE.getParent());
            String key = MasterKey.generate(random);
            Files.writeString(DEMO_FILE, key + "\n");
            restrict(DEMO_FILE);
            LOG.warn("demo mode: generated a master key and stored it in {}; never do this in production", DEMO_FILE);
            return key;
        } catch (IOException e) {
            throw new ConfigException("demo mode: cannot keep the master key in " + DEMO_FILE + ": " + e.getMessage());
        }
    }

    /** Makes a file readable by its owner only, where the file system supports it. */
    static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("no POSIX permissions on {}", file);
        }
    }
}
