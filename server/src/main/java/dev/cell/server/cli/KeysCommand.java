package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import dev.cell.keys.KeyService;
import dev.cell.keys.MasterKey;
import dev.cell.keys.SigningKey;
import dev.cell.keys.SigningKeyFactory;
import dev.cell.server.CryptoProviders;
import dev.cell.server.MasterKeys;
import dev.cell.server.admin.KeyRotation;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cell keys ...}: list and rotate signing keys (RFC 7517), and rotate the master key that seals them. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List and rotate signing keys; rotate the master key.",
        subcommands = {KeysCommand.Rotate.class, KeysCommand.ListKeys.class, RotateMasterCommand.class})
final class KeysCommand implements Runnable {
    @ParentCommand
    CellCommand root;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new active key per algorithm. Old keys keep verifying until every token they signed has expired.")
    static final class Rotate implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Option(names = "--demo", description = "Use the demo master key kept in ./data.")
        boolean demo;

        @Override
        public void run() {
            CellConfig config = Cli.config(parent.root);
            CryptoProviders.install();
            SecureRandom random = Cli.random();
            MasterKey masterKey = MasterKeys.resolve(config.keys(), demo, random);
            try (Database db = Cli.open(config)) {
                KeyService keys = new KeyService(db.stores().signingKeys(), masterKey,
                        new SigningKeyFactory(masterKey, config.keys().rsaKeySize()), config.keys().algorithms(),
                        config.keys().refreshInterval(), config.tokens().longestSignedLifetime(), Clock.systemUTC());
                keys.start();
                KeyRotation.Rotated rotated = new KeyRotation(keys, Cli.audit(), Clock.systemUTC()).rotate(Cli.actor());
                for (SigningKey k : rotated.created()) {
                    System.out.println("new active key " + k.kid() + " (" + k.alg() + ")");
                }
                System.out.println("retired keys stay in the JWKS until " + rotated.retiredUntil()
                        + "; every node publishes the new keys within " + config.keys().refreshInterval().toSeconds()
                        + " s and signs with them one interval later");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored signing keys.")
    static final class ListKeys implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Override
        public void run() {
            CellConfig config = Cli.config(parent.root);
            try (Database db = Cli.open(config)) {
                System.out.printf("%-45s %-6s %-8s %-25s %s%n", "KID", "ALG", "STATE", "CREATED", "PUBLISHED UNTIL");
                for (SigningKey k : db.stores().signingKeys().listAll()) {
                    System.out.printf("%-45s %-6s %-8s %-25s %s%n", k.kid(), k.alg(), k.isActive() ? "active" : "retired", k.createdAt(),
                            k.expiresAt() == null ? "-" : k.expiresAt().toString());
                }
            }
        }
    }
}
