package dev.cell.server.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code cell start}: runs the server until stopped (built without annotations, see {@link CellCommand}). */
final class StartCommand implements Runnable {
    private final CellCommand root;
    private final CommandSpec spec = HelpOptions.addTo(CommandSpec.wrapWithoutInspection(this))
            .name("start")
            .version(CellCommand.VERSION)
            .addOption(OptionSpec.builder("--demo").type(boolean.class).initialValue(false)
                    .description("Create and print a demo confidential client, public client and user; keep a generated master key in ./data.").build())
            .addOption(OptionSpec.builder("--port").type(Integer.class).paramLabel("<port>")
                    .description("Listen on this port (overrides server.port).").build());

    StartCommand(CellCommand root) {
        this.root = root;
        spec.usageMessage().description(
                "Start the authorization server. With --demo: embedded database and master key under ./data, plus a demo client and user.");
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        Boolean demo = spec.findOption("--demo").getValue();
        Integer port = spec.findOption("--port").getValue();
        ServerStart.run(new StartOptions(root.configFile(), demo, port));
    }
}
