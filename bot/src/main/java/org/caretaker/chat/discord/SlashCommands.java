package org.caretaker.chat.discord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.caretaker.chat.CommandSpec;

/**
 * The registry's commands as Discord slash commands: one string option per placeholder of the usage, in its
 * order, required for {@code <x>} and optional for {@code [x]}; the {@code host}, {@code check} and
 * {@code job} options autocomplete. Also {@code /confirm <code>}, which the router answers itself.
 */
final class SlashCommands {
    static final String CONFIRM_USAGE = "/confirm <code>";
    private static final Pattern PLACEHOLDER = Pattern.compile("<([^>]*)>|\\[([^]]*)]");
    static final Set<String> COMPLETED = Set.of("host", "check", "job");

    private SlashCommands() {
    }

    /** An option the way Discord sees it; {@code name} is also how the adapter reads the value back. */
    record Option(String name, String description, boolean required) {
        boolean autocomplete() {
            return COMPLETED.contains(name);
        }
    }

    static List<Option> options(String usage) {
        List<Option> out = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(usage);
        while (m.find()) {
            boolean required = m.group(1) != null;
            String text = required ? m.group(1) : m.group(2);
            String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            if (name.length() > 32) {
                name = name.substring(0, 32);
            }
            String unique = name.isEmpty() ? "arg" : name;
            for (int i = 2; !taken.add(unique); i++) {
                unique = name + "-" + i;
            }
            out.add(new Option(unique, text.isBlank() ? unique : clip(text, 100), required));
        }
        return out;
    }

    static List<SlashCommandData> of(List<CommandSpec> specs) {
        List<SlashCommandData> out = new ArrayList<>();
        for (CommandSpec spec : specs) {
            out.add(command(spec.name(), spec.summary(), spec.usage()));
        }
        out.add(command("confirm", "Confirms a command that changes a host, with the code it gave you.", CONFIRM_USAGE));
        return out;
    }

    private static SlashCommandData command(String name, String summary, String usage) {
        SlashCommandData data = Commands.slash(name, clip(summary, 100));
        for (Option o : options(usage)) {
            data.addOptions(new OptionData(OptionType.STRING, o.name(), o.description(), o.required(), o.autocomplete()));
        }
        return data;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
