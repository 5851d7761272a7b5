package org.caretaker.chat;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.caretaker.config.Role;

/**
 * What a command declares about itself: the router checks arity and access from it, {@code /help} lists
 * it, the platforms register it in their command menus and the site prints the command reference from it.
 *
 * @param name         without the slash, kebab-case: {@code status}
 * @param usage        {@code /check <check> [host]}: required arguments in angle brackets, optional ones in
 *                     square brackets after them; the number of arguments allowed is read from it
 * @param summary      one sentence for {@code /help}
 * @param minimumRole  the least role that may run it when it leaves hosts as they are
 * @param hostChanging whether these (already validated) arguments make it change a host; then it needs an
 *                     admin and a confirmation whatever {@code minimumRole} says
 * @param actions      the words its first argument may be, when it is one of a fixed few ({@code status},
 *                     {@code sync}…): the command reference asks {@code hostChanging} about each of them
 */
public record CommandSpec(String name, String usage, String summary, Role minimumRole, Predicate<List<String>> hostChanging,
                          List<String> actions) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern REQUIRED = Pattern.compile("<[a-z][a-z0-9 -]*>");
    private static final Pattern OPTIONAL = Pattern.compile("\\[[a-z][a-z0-9 -]*]");

    public CommandSpec {
        Objects.requireNonNull(minimumRole, "minimumRole");
        Objects.requireNonNull(hostChanging, "hostChanging");
        actions = actions == null ? List.of() : List.copyOf(actions);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a command name is kebab-case, found '" + name + "'");
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("/" + name + " needs a summary");
        }
        arity(name, usage);
    }

    /** A command whose first argument is not one of a fixed few words. */
    public CommandSpec(String name, String usage, String summary, Role minimumRole, Predicate<List<String>> hostChanging) {
        this(name, usage, summary, minimumRole, hostChanging, List.of());
    }

    /** A command that never changes a host. */
    public static CommandSpec reading(String name, String usage, String summary, Role minimumRole) {
        return new CommandSpec(name, usage, summary, minimumRole, args -> false);
    }

    public boolean changesHosts(List<String> args) {
        return hostChanging.test(args);
    }

    /** How many arguments are required. */
    public int minArgs() {
        return arity(name, usage)[0];
    }

    /** How many arguments are allowed at most. */
    public int maxArgs() {
        return arity(name, usage)[1];
    }

    private static int[] arity(String name, String usage) {
        if (usage == null || !(usage.equals("/" + name) || usage.startsWith("/" + name + " "))) {
            throw new IllegalArgumentException("the usage of /" + name + " starts with /" + name + ", found '" + usage + "'");
        }
        String rest = usage.substring(name.length() + 1).strip();
        int required = 0;
        int optional = 0;
        // Placeholders may hold spaces ("<ttl like 2h>"), so they are matched as wholes, not split on blanks.
        var m = Pattern.compile("<[^>]*>|\\[[^]]*]|\\S+").matcher(rest);
        while (m.find()) {
            String token = m.group();
            if (REQUIRED.matcher(token).matches() && optional == 0) {
                required++;
            } else if (OPTIONAL.matcher(token).matches()) {
                optional++;
            } else {
                throw new IllegalArgumentException("the usage of /" + name + " lists <required> then [optional] arguments, found '" + token + "'");
            }
        }
        return new int[] {required, required + optional};
    }
}
