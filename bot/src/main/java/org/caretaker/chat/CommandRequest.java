package org.caretaker.chat;

import java.util.List;
import java.util.Set;

/**
 * A command as an adapter translated it from its platform: no platform types beyond this point.
 *
 * @param user          who sent it
 * @param platformRoles roles the platform vouches for (Discord role ids); the access policy maps them
 * @param channel       where it was sent ({@code platform:channel-id})
 * @param name          the command without its slash: {@code status}, {@code check}
 * @param args          the arguments, already split by the adapter; never joined into a shell line
 */
public record CommandRequest(ChatUser user, Set<String> platformRoles, String channel, String name, List<String> args) {
    public CommandRequest {
        platformRoles = Set.copyOf(platformRoles);
        args = List.copyOf(args);
    }
}
