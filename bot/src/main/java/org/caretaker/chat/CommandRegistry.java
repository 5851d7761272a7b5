package org.caretaker.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands the bot answers, in the order they were registered (the order of {@code /help} and of the
 * site's command reference). A second command with a taken name fails at start-up, not at the first use.
 */
public final class CommandRegistry {
    /** Handled by the router itself. */
    static final String CONFIRM = "confirm";

    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();

    /** @throws IllegalStateException when the name is taken */
    public synchronized CommandRegistry register(ChatCommand command) {
        String name = command.spec().name();
        if (name.equals(CONFIRM) || commands.containsKey(name)) {
            throw new IllegalStateException("the chat command /" + name + " is registered twice");
        }
        commands.put(name, command);
        return this;
    }

    public synchronized Optional<ChatCommand> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public synchronized List<ChatCommand> list() {
        return List.copyOf(commands.values());
    }

    public synchronized List<CommandSpec> specs() {
        List<CommandSpec> out = new ArrayList<>();
        for (ChatCommand c : commands.values()) {
            out.add(c.spec());
        }
        return out;
    }
}
