package dev.cell.server.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -o/--output}: an aligned table for people, or the admin API's JSON representation for programs. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", scope = ScopeType.INHERIT,
            description = "table (default: aligned columns for people) or json (the admin API's representation, for programs).")
    String format;

    /** True for {@code json}, false for {@code table}. */
    boolean json() {
        return switch (format) {
            case "json" -> true;
            case "table" -> false;
            default -> throw CommandFailure.badInput("-o/--output must be table or json");
        };
    }
}
