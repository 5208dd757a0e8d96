package dev.cell.server.cli;

/**
 * Why a management command stopped, with its exit code: {@value #BAD_INPUT} for usage or bad input, {@value #REFUSED} when
 * what it names does not exist or the change was refused, {@value #UNREACHABLE} when the server (or database) cannot be
 * reached or refused the credentials. docs/cli.md lists them.
 */
final class CommandFailure extends RuntimeException {
    static final int BAD_INPUT = 1;
    static final int REFUSED = 2;
    static final int UNREACHABLE = 3;

    private final int exitCode;

    private CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CommandFailure badInput(String message) {
        return new CommandFailure(BAD_INPUT, message);
    }

    static CommandFailure notFound(String message) {
        return new CommandFailure(REFUSED, message);
    }

    static CommandFailure refused(String message) {
        return new CommandFailure(REFUSED, message);
    }

    /** The server cannot be reached, answered with an error of its own, or refused the credentials (RFC 6750 §3.1). */
    static CommandFailure unreachable(String message) {
        return new CommandFailure(UNREACHABLE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
