package dev.cell.server.cli;

import dev.cell.account.PasswordHasher;
import dev.cell.account.User;
import dev.cell.config.CellConfig;
import dev.cell.jdbc.Database;
import dev.cell.server.admin.UserAdmin;
import dev.cell.token.RandomValues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell user ...}: manage resource owners (RFC 6749 §1.1). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create users, change passwords, delete users, revoke consents.",
        subcommands = {UserCommand.Create.class, UserCommand.Passwd.class, UserCommand.Delete.class, ConsentCommand.class})
final class UserCommand implements Runnable {
    @ParentCommand
    CellCommand root;

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    <T> T withAdmin(Function<UserAdmin, T> action) {
        CellConfig config = Cli.config(root);
        try (Database db = Cli.open(config)) {
            return action.apply(new UserAdmin(db.stores().users(), new PasswordHasher(), new RandomValues(Cli.random()), Clock.systemUTC(),
                    Cli.audit(), Cli.actor()));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user; the password is stored as an Argon2id hash.")
    static final class Create implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--password", arity = "0..1", required = true, fallbackValue = "",
                description = "The password (at least 8 characters); give the option without a value to be asked for it twice.")
        String password;

        @Option(names = "--email", description = "The email claim.")
        String email;

        @Option(names = "--name", description = "The name claim (full name).")
        String name;

        @Option(names = "--authority", description = "Authority (role), repeatable, e.g. ROLE_USER.")
        List<String> authorities = new ArrayList<>();

        @Override
        public void run() {
            Map<String, Object> claims = new LinkedHashMap<>();
            if (email != null) {
                claims.put("email", email);
                claims.put("email_verified", false);
            }
            if (name != null) {
                claims.put("name", name);
            }
            String chosen = PasswordPrompt.orAsk(password);
            User user = parent.withAdmin(a -> a.create(username, chosen, claims, new LinkedHashSet<>(authorities)));
            System.out.println("created user " + user.username() + " (sub " + user.id() + ")");
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password.")
    static final class Passwd implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--password", arity = "0..1", required = true, fallbackValue = "",
                description = "The new password (at least 8 characters); give the option without a value to be asked for it twice.")
        String password;

        @Override
        public void run() {
            String chosen = PasswordPrompt.orAsk(password);
            parent.withAdmin(a -> {
                a.changePassword(username, chosen);
                return null;
            });
            System.out.println("password changed for " + username);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user.")
    static final class Delete implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public void run() {
            if (!parent.withAdmin(a -> a.delete(username))) {
                throw new IllegalArgumentException("no user '" + username + "'");
            }
            System.out.println("deleted user " + username);
        }
    }
}
