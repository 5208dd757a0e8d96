package dev.cell.server.cli;

import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import dev.cell.server.CellHome;
import dev.cell.server.EmbeddedDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code cell init}: creates the database and its schema, the one management command that may (the others never do). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the database that database.url names, with its schema, if it is missing (the server does this on its first start).")
final class InitCommand implements Runnable {
    @ParentCommand
    CellCommand root;

    @Override
    public void run() {
        CellConfig config = Cli.config(root);
        try (Database db = EmbeddedDatabase.openOrCreate(config.database(), CellHome.get(), 2)) {
            System.out.println("the database is ready");
        }
    }
}
