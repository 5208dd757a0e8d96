package dev.cell.server.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code cell demo}, listed in the help: the {@code ./cell} launcher runs it (three processes), so the jar only says so. */
final class DemoCommand implements Runnable {
    private final CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(this))
            .name("demo")
            .version(CellCommand.VERSION);

    DemoCommand() {
        spec.usageMessage().description("Run the whole picture: Cell, the demo notes API and the demo client app (open http://localhost:8080/). "
                + "Run it with the launcher: ./cell demo; ./cell demo mcp runs Cell and the example MCP server (docs/mcp.md)");
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        throw new IllegalArgumentException("demo starts three processes and runs from the launcher script: ./cell demo");
    }
}
