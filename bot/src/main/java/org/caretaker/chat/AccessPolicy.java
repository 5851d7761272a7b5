package org.caretaker.chat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.Role;

/**
 * The one place that says yes or no to a chat command. It fails closed: a user it does not know, a
 * channel that is not listed, or a role below what the command needs is a denial. Commands that change a
 * host need an admin and then a confirmation. The router asks before any command runs and audits the answer.
 */
public final class AccessPolicy {
    private final AccessConfig config;

    public AccessPolicy(AccessConfig config) {
        this.config = config;
    }

    public AccessConfig config() {
        return config;
    }

    /** Listed by id, or the platform's every channel ({@code discord:*}) — within the guild or chats its adapter serves. */
    private boolean channelAllowed(String channel) {
        int colon = channel.indexOf(':');
        return config.channels().contains(channel) || (colon > 0 && config.channels().contains(channel.substring(0, colon) + ":*"));
    }

    public Decision decide(CommandRequest req, CommandSpec spec) {
        if (!channelAllowed(req.channel())) {
            return Decision.deny("commands are not taken in this channel");
        }
        Optional<Role> role = role(req.user(), req.platformRoles());
        if (role.isEmpty()) {
            return Decision.deny(req.user().qualifiedId() + " is not on the access list");
        }
        boolean changesHosts = spec.changesHosts(req.args());
        Role needed = changesHosts ? Role.ADMIN : spec.minimumRole();
        if (!role.get().includes(needed)) {
            return Decision.deny("/" + spec.name() + (changesHosts ? " changes a host and" : "") + " needs the " + needed.id()
                    + " role; you have " + role.get().id());
        }
        if (changesHosts) {
            return Decision.confirm("/" + spec.name() + " changes a host");
        }
        return Decision.allow("role " + role.get().id());
    }

    /**
     * The highest role of a user: their own entry, or a platform role their platform vouches for. Platform
     * roles only count on their own platform: a Discord role id maps through {@code discord-role:<id>}.
     */
    public Optional<Role> role(ChatUser user, Set<String> platformRoles) {
        Set<Role> roles = new HashSet<>(config.users().getOrDefault(user.qualifiedId(), Set.of()));
        String prefix = user.platform() + "-role:";
        for (String r : platformRoles) {
            String key = r.startsWith(prefix) ? r : prefix + r;
            roles.addAll(config.platformRoles().getOrDefault(key, Set.of()));
        }
        return roles.stream().max(Enum::compareTo);
    }
}
