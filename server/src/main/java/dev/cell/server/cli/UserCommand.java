package dev.cell.server.cli;

import dev.cell.account.PasswordHasher;
import dev.cell.account.StandardClaims;
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
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create users, set their claims, change passwords, delete users, revoke consents.",
        subcommands = {UserCommand.Create.class, UserCommand.Update.class, UserCommand.Passwd.class, UserCommand.Delete.class, ConsentCommand.class})
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
            Map<String, String> given = new LinkedHashMap<>();
            if (email != null) {
                given.put("email", email);
            }
            if (name != null) {
                given.put("name", name);
            }
            Map<String, Object> claims = new StandardClaims(Map.of()).with(given).values();
            String chosen = PasswordPrompt.orAsk(password);
            User user = parent.withAdmin(a -> a.create(username, chosen, claims, new LinkedHashSet<>(authorities)));
            System.out.println("created user " + user.username() + " (sub " + user.id() + ")");
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Set or clear a user's OpenID Connect standard claims (OIDC Core section 5.1); updated_at moves.")
    static final class Update implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--claim", paramLabel = "NAME=VALUE", description = "Set a claim, repeatable: e.g. given_name=Ada,"
                + " email=ada@example.com, email_verified=true, birthdate=1815-12-10, zoneinfo=Europe/London, locale=en-GB,"
                + " phone_number=+442071234567, website=https://ada.example, address.locality=London.")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(names = "--clear", paramLabel = "NAME", description = "Remove a claim, repeatable: e.g. nickname, address.region, address.")
        List<String> clear = new ArrayList<>();

        @Override
        public void run() {
            if (set.isEmpty() && clear.isEmpty()) {
                throw new IllegalArgumentException("give at least one --claim or --clear");
            }
            Map<String, String> changes = new LinkedHashMap<>(set);
            clear.forEach(name -> changes.put(name, null));
            parent.withAdmin(a -> a.updateClaims(username, changes));
            System.out.println("updated user " + username + ": " + String.join(", ", changes.keySet()));
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
