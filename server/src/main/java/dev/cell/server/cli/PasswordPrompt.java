package dev.cell.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/** A password given as {@code --password} without a value: asked twice (without echo on a terminal) and refused when the two differ. */
final class PasswordPrompt {
    private PasswordPrompt() {}

    /** {@code given} itself, or the password typed twice when it is empty (the option had no value). */
    static String orAsk(String given) {
        if (!given.isEmpty()) {
            return given;
        }
        String[] typed = System.console() != null ? fromConsole(System.console()) : fromStandardInput();
        if (typed[0] == null || typed[1] == null) {
            throw new IllegalArgumentException("no password given: type it twice, or give it as --password VALUE");
        }
        if (!typed[0].equals(typed[1])) {
            throw new IllegalArgumentException("the two passwords differ; nothing was changed");
        }
        return typed[0];
    }

    private static String[] fromConsole(Console console) {
        char[] first = console.readPassword("Password: ");
        char[] second = first == null ? null : console.readPassword("Repeat the password: ");
        return new String[] {first == null ? null : new String(first), second == null ? null : new String(second)};
    }

    /** Two lines of standard input, for scripts that pipe the password in. */
    private static String[] fromStandardInput() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        try {
            System.err.print("Password: ");
            String first = in.readLine();
            System.err.print("Repeat the password: ");
            String second = in.readLine();
            System.err.println();
            return new String[] {first, second};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
