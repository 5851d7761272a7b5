package org.caretaker.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command registry as plain data, for places that must not depend on the chat code (the site's command
 * reference). Who needs what is read from the same {@link CommandSpec} the router's {@link AccessPolicy}
 * enforces: each command's host-changing predicate is asked about every word its first argument may be, so
 * the reference cannot promise less than the router demands.
 */
public final class CommandReference {
    /**
     * One command.
     *
     * @param leastRole        who may run it when it leaves hosts as they are ({@code viewer}, {@code operator}…)
     * @param alwaysConfirmed  whether it changes a host whatever its arguments: an admin and a confirmation
     * @param confirmedWith    the first arguments with which it changes a host, and so needs an admin and a
     *                         confirmation ({@code sync}); empty when none or when {@code alwaysConfirmed}
     */
    public record Entry(String name, String usage, String summary, String leastRole, boolean alwaysConfirmed,
                        List<String> confirmedWith) {
    }

    private CommandReference() {
    }

    /**
     * @param firstArguments words any command's first argument may also be, beyond its own actions: the
     *                       scheduled jobs' ids, for {@code /run <job>}
     */
    public static List<Entry> of(List<CommandSpec> specs, List<String> firstArguments) {
        List<Entry> out = new ArrayList<>();
        for (CommandSpec c : specs) {
            // An argument no command knows as an action: a command that changes a host even with it always does.
            boolean always = asks(c, java.util.Collections.nCopies(c.minArgs(), "\u0000"));
            Set<String> with = new LinkedHashSet<>();
            if (!always && c.maxArgs() >= 1) {
                Set<String> candidates = new LinkedHashSet<>(c.actions());
                candidates.addAll(firstArguments);
                for (String word : candidates) {
                    if (asks(c, List.of(word)) || (c.maxArgs() >= 2 && asks(c, List.of(word, "x")))) {
                        with.add(word);
                    }
                }
            }
            out.add(new Entry(c.name(), c.usage(), c.summary(), c.minimumRole().id(), always, List.copyOf(with)));
        }
        return out;
    }

    private static boolean asks(CommandSpec c, List<String> args) {
        try {
            return c.changesHosts(args);
        } catch (RuntimeException e) {
            // a predicate that cannot judge these arguments: the router would refuse them before asking
            return false;
        }
    }
}
