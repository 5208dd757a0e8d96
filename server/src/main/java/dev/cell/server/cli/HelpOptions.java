package dev.cell.server.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code -h/--help} and {@code -V/--version} options of a command built without annotations. */
final class HelpOptions {
    private HelpOptions() {}

    /** Adds both options to the command, as picocli's {@code mixinStandardHelpOptions} would. */
    static CommandSpec addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return spec;
    }
}
