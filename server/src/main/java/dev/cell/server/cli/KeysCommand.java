package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cell keys ...}: list and rotate signing keys (RFC 7517), and rotate the master key that seals them. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "List and rotate signing keys; rotate the master key.",
        subcommands = {KeysCommand.Rotate.class, KeysCommand.ListKeys.class, RotateMasterCommand.class})
final class KeysCommand implements Runnable {
    @ParentCommand
    CellCommand root;

    @Mixin
    ServerOptions server;

    @Mixin
    OutputOption output;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    <T> T with(boolean demoMasterKey, Function<Keys, T> action) {
        try (Backend backend = Backend.of(root, server)) {
            return action.apply(backend.keys(demoMasterKey));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new active key per algorithm. Old keys keep verifying until every token they signed has expired.")
    static final class Rotate implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Option(names = "--demo", description = "Use the demo master key kept in ./data (on the database only).")
        boolean demo;

        @Override
        public void run() {
            boolean json = parent.output.json();
            JsonNode rotated = parent.with(demo, Keys::rotate);
            if (json) {
                Printer.json(rotated);
                return;
            }
            for (JsonNode k : rotated.path("created")) {
                System.out.println("new active key " + k.path("kid").asText() + " (" + k.path("alg").asText() + ")");
            }
            System.out.println("retired keys stay in the JWKS until " + rotated.path("retired_keys_published_until").asText()
                    + "; every node publishes the new keys within keys.refresh-interval and signs with them one interval later");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored signing keys, newest first.")
    static final class ListKeys implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Override
        public void run() {
            boolean json = parent.output.json();
            List<JsonNode> keys = parent.with(false, Keys::list);
            if (json) {
                Printer.json(keys);
                return;
            }
            Table table = new Table("KID", "ALG", "STATE", "CREATED_AT", "PUBLISHED_UNTIL");
            for (JsonNode k : keys) {
                table.row(Printer.text(k.get("kid")), Printer.text(k.get("alg")), Printer.text(k.get("state")), Printer.text(k.get("created_at")),
                        Printer.text(k.get("expires_at")));
            }
            table.print(System.out);
        }
    }
}
