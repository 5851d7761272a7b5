package org.caretaker.chat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The strict shape every chat argument must have before anything runs: 1 to 64 ASCII letters, digits and
 * {@code . _ : / @ -}, not starting with {@code -}. That leaves no room for shell syntax ({@code ; | $()}
 * and backticks), line breaks, options smuggled in as arguments ({@code --config=…}) or letters that only
 * look like ASCII (fullwidth, Cyrillic). Whether a name is a known host or check is for the commands to say.
 */
public final class Arguments {
    static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9._:/@][A-Za-z0-9._:/@-]{0,63}");

    /** The one sentence a refused argument gets. */
    public static final String REFUSAL = "Arguments may only use letters, digits and . _ : / @ - (at most 64 characters, "
            + "not starting with -), so nothing was run.";

    private Arguments() {
    }

    public static boolean valid(String argument) {
        return argument != null && ARGUMENT.matcher(argument).matches();
    }

    /** Why these arguments cannot be given to this command, or empty when they can. */
    static Optional<String> problem(List<String> args, CommandSpec spec) {
        for (String a : args) {
            if (!valid(a)) {
                return Optional.of(REFUSAL);
            }
        }
        if (args.size() < spec.minArgs() || args.size() > spec.maxArgs()) {
            return Optional.of("Usage: " + spec.usage());
        }
        return Optional.empty();
    }
}
