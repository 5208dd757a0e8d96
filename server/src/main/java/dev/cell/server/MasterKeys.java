package dev.cell.server;

import dev.cell.config.CellConfig;
import dev.cell.config.ConfigException;
import dev.cell.keys.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the master key: {@code keys.master-key}, else {@code keys.master-key-file}, else in demo mode a generated file. */
public final class MasterKeys {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    /** Where demo mode keeps its generated master key: {@code data/master.key} under the {@link CellHome}. */
    public static final Path DEMO_FILE = CellHome.data("master.key");

    private MasterKeys() {}

    public static MasterKey resolve(CellConfig.Keys keys, boolean demo, SecureRandom random) {
        if (keys.masterKey() != null) {
            return parse(keys.masterKey(), "keys.master-key", random);
        }
        if (keys.masterKeyFile() != null) {
            return parse(read(Path.of(keys.masterKeyFile())), "keys.master-key-file " + keys.masterKeyFile(), random);
        }
        requireSource(keys, demo);
        return parse(demoKey(random), "demo master key " + DEMO_FILE, random);
    }

    /** Fails, before anything is opened or written, when no master key is configured and the server is not in demo mode. */
    public static void requireSource(CellConfig.Keys keys, boolean demo) {
        if (keys.masterKey() != null || keys.masterKeyFile() != null || demo) {
            return;
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
            String key = MasterKey.generate(random);
            OwnerOnly.write(DEMO_FILE, key + "\n");
            LOG.warn("demo mode: generated a master key and stored it in {}; never do this in production", DEMO_FILE);
            return key;
        } catch (IOException e) {
            throw new ConfigException("demo mode: cannot keep the master key in " + DEMO_FILE + ": " + e.getMessage());
        }
    }
}
