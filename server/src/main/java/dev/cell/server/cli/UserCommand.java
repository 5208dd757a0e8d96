package dev.cell.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cell user ...}: manage resource owners (RFC 6749 §1.1), on the database or through a server's admin API. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Create, list, show, change, disable and delete users; their passwords, sessions and consents.",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Show.class, UserCommand.Update.class,
            UserCommand.Disable.class, UserCommand.Enable.class, UserCommand.Passwd.class, UserCommand.Delete.class,
            SessionCommand.class, GrantCommand.class, ConsentCommand.class})
final class UserCommand implements Runnable {
    static final String USER = "USER";
    static final String USER_HELP = "The user's username, or its id (sub).";
    static final int MAX_AUTHORITIES = 64;
    static final int MAX_AUTHORITY = 128;

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

    <T> T with(Function<Users, T> action) {
        try (Backend backend = Backend.of(root, server)) {
            return action.apply(backend.users());
        }
    }

    void run(Consumer<Users> action) {
        with(users -> {
            action.accept(users);
            return null;
        });
    }

    /** The authorities given, as the admin API takes them: at most 64, each 1 to 128 characters; empty values left out. */
    static Set<String> checkedAuthorities(List<String> given) {
        Set<String> out = new LinkedHashSet<>(given.stream().filter(a -> !a.isEmpty()).toList());
        if (out.size() > MAX_AUTHORITIES || out.stream().anyMatch(a -> a.length() > MAX_AUTHORITY)) {
            throw CommandFailure.badInput("--authority: at most " + MAX_AUTHORITIES + " authorities of at most " + MAX_AUTHORITY + " characters each");
        }
        return out;
    }

    /** One user: its JSON for {@code -o json}, else its fields. */
    void print(JsonNode user) {
        if (output.json()) {
            Printer.json(user);
        } else {
            Printer.fields(user);
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
            Map<String, String> claims = new LinkedHashMap<>();
            if (email != null) {
                claims.put("email", email);
            }
            if (name != null) {
                claims.put("name", name);
            }
            boolean json = parent.output.json();
            String chosen = PasswordPrompt.orAsk(password);
            Set<String> roles = checkedAuthorities(authorities);
            JsonNode user = parent.with(u -> u.create(username, chosen, claims, roles));
            if (json) {
                Printer.json(user);
            } else {
                System.out.println("created user " + user.path("username").asText() + " (sub " + user.path("id").asText() + ")");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users in username order, one per line.")
    static final class ListUsers implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Option(names = {"-q", "--query"}, paramLabel = "TEXT", description = "Only users whose username contains TEXT (any case).")
        String query;

        @Option(names = "--disabled", description = "Only disabled users.")
        boolean disabled;

        @Option(names = "--enabled", description = "Only enabled users.")
        boolean enabled;

        @Override
        public void run() {
            if (disabled && enabled) {
                throw CommandFailure.badInput("give --disabled or --enabled, not both");
            }
            boolean json = parent.output.json();
            List<JsonNode> users = parent.with(u -> u.list(query, disabled ? Boolean.TRUE : enabled ? Boolean.FALSE : null));
            if (json) {
                Printer.json(users);
                return;
            }
            Table table = new Table("USERNAME", "ID", "DISABLED", "EMAIL", "NAME", "AUTHORITIES");
            for (JsonNode u : users) {
                table.row(Printer.text(u.get("username")), Printer.text(u.get("id")), Printer.text(u.get("disabled")),
                        Printer.text(u.path("claims").get("email")), Printer.text(u.path("claims").get("name")), Printer.text(u.get("authorities")));
            }
            table.print(System.out);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user with its claims (never its password).")
    static final class Show implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = USER, description = USER_HELP)
        String user;

        @Override
        public void run() {
            parent.output.json();
            parent.print(parent.with(u -> u.show(user)));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Set or clear a user's OpenID Connect standard claims (OIDC Core section 5.1); updated_at moves.")
    static final class Update implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = USER, description = USER_HELP)
        String user;

        @Option(names = "--claim", paramLabel = "NAME=VALUE", description = "Set a claim, repeatable: e.g. given_name=Ada,"
                + " email=ada@example.com, email_verified=true, birthdate=1815-12-10, zoneinfo=Europe/London, locale=en-GB,"
                + " phone_number=+442071234567, website=https://ada.example, address.locality=London.")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(names = "--clear", paramLabel = "NAME", description = "Remove a claim, repeatable: e.g. nickname, address.region, address.")
        List<String> clear = new ArrayList<>();

        @Option(names = "--authority", paramLabel = "AUTHORITY",
                description = "Replace the user's authorities (roles) with these, repeatable, e.g. ROLE_USER; give it once empty (--authority '') to remove all.")
        List<String> authorities;

        @Override
        public void run() {
            if (set.isEmpty() && clear.isEmpty() && authorities == null) {
                throw CommandFailure.badInput("give at least one --claim or --clear (or --authority)");
            }
            boolean json = parent.output.json();
            Map<String, String> changes = new LinkedHashMap<>(set);
            clear.forEach(name -> changes.put(name, null));
            Set<String> roles = authorities == null ? null : checkedAuthorities(authorities);
            JsonNode updated = parent.with(u -> u.update(user, changes, roles));
            if (json) {
                Printer.json(updated);
            } else {
                List<String> changed = new ArrayList<>(changes.keySet());
                if (roles != null) {
                    changed.add("authorities");
                }
                System.out.println("updated user " + updated.path("username").asText() + ": " + String.join(", ", changed));
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a user: no login, refresh or UserInfo for it, on every node at once; every session and grant of it ends.")
    static final class Disable implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = USER, description = USER_HELP)
        String user;

        @Override
        public void run() {
            parent.setDisabled(user, true);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled user again.")
    static final class Enable implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = USER, description = USER_HELP)
        String user;

        @Override
        public void run() {
            parent.setDisabled(user, false);
        }
    }

    private void setDisabled(String user, boolean disabled) {
        boolean json = output.json();
        JsonNode changed = with(u -> u.setDisabled(user, disabled));
        if (json) {
            Printer.json(changed);
        } else {
            System.out.println((disabled ? "disabled" : "enabled") + " user " + changed.path("username").asText());
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a user's password; every session and grant of the user ends (a reset signs them out everywhere).")
    static final class Passwd implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = USER, description = USER_HELP)
        String user;

        @Option(names = "--password", arity = "0..1", required = true, fallbackValue = "",
                description = "The new password (at least 8 characters); give the option without a value to be asked for it twice.")
        String password;

        @Override
        public void run() {
            String chosen = PasswordPrompt.orAsk(password);
            parent.run(u -> u.setPassword(user, chosen));
            System.out.println("password changed for " + user);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a user, ending its sessions, revoking its grants and their tokens, and forgetting its consents.")
    static final class Delete implements Runnable {
        @ParentCommand
        UserCommand parent;

        @Parameters(paramLabel = USER, description = USER_HELP)
        String user;

        @Override
        public void run() {
            parent.run(u -> u.delete(user));
            System.out.println("deleted user " + user);
        }
    }
}
