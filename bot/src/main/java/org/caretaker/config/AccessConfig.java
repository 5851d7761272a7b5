package org.caretaker.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may command the bot, and where: the {@code access:} section of {@code caretaker.yaml}.
 *
 * <pre>
 * access:
 *   users:
 *     - { id: "telegram:123456", roles: [admin] }
 *   platform-roles:
 *     - { id: "discord-role:555", roles: [operator] }
 *   channels: ["console:local", "telegram:-100123"]
 *   confirm-ttl: 5m
 * </pre>
 *
 * Without the section only the local console is listened to, as admin: a bot that someone connected to
 * Telegram must not take orders from strangers because nobody wrote an access list yet.
 *
 * @param users         {@code platform:user-id} → roles
 * @param platformRoles {@code platform-role:role-id} (roles the platform vouches for, such as Discord
 *                      roles) → roles
 * @param channels      the channels commands are taken in ({@code platform:channel-id}, or {@code platform:*} for every
 *                      channel of the guild or chats the platform's adapter serves)
 * @param confirmTtl    how long a {@code /confirm} code stays valid
 */
public record AccessConfig(Map<String, Set<Role>> users, Map<String, Set<Role>> platformRoles, Set<String> channels, Duration confirmTtl) {
    /** {@code platform:id}; ids are what the platform uses (digits, a leading minus for Telegram groups). */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}:[A-Za-z0-9._@-]{1,150}");
    public static final String CONSOLE = "console:local";
    public static final Duration DEFAULT_CONFIRM_TTL = Duration.ofMinutes(5);
    /** The platforms commands can come from; an entry for any other would never match anyone. */
    static final Set<String> PLATFORMS = Set.of("console", "telegram", "discord");

    /** Only the local console, as admin. */
    public static final AccessConfig CONSOLE_ONLY = new AccessConfig(Map.of(CONSOLE, Set.of(Role.ADMIN)), Map.of(), Set.of(CONSOLE),
            DEFAULT_CONFIRM_TTL);

    public AccessConfig {
        users = copy(users);
        platformRoles = copy(platformRoles);
        channels = Set.copyOf(new LinkedHashSet<>(channels));
        Rules rules = new Rules();
        for (Map.Entry<String, Set<Role>> e : users.entrySet()) {
            rules.require(ID.matcher(e.getKey()).matches(), "users", "'" + e.getKey() + "' is not platform:user-id, such as telegram:123456")
                    .require(!ID.matcher(e.getKey()).matches() || knownPlatform(e.getKey()), "users", unknownPlatform(e.getKey()))
                    .require(!e.getValue().isEmpty(), "users", e.getKey() + " needs at least one role");
        }
        for (Map.Entry<String, Set<Role>> e : platformRoles.entrySet()) {
            rules.require(ID.matcher(e.getKey()).matches() && e.getKey().substring(0, e.getKey().indexOf(':')).endsWith("-role"),
                            "platform-roles", "'" + e.getKey() + "' is not platform-role:role-id, such as discord-role:555")
                    .require(!ID.matcher(e.getKey()).matches() || !e.getKey().substring(0, e.getKey().indexOf(':')).endsWith("-role")
                            || e.getKey().startsWith("discord-role:"), "platform-roles",
                            "'" + e.getKey() + "' names a platform without roles; known: discord-role")
                    .require(!e.getValue().isEmpty(), "platform-roles", e.getKey() + " needs at least one role");
        }
        for (String c : channels) {
            rules.require(ID.matcher(c).matches() || c.matches("[a-z][a-z0-9-]{0,39}:\\*"), "channels",
                    "'" + c + "' is not platform:channel-id, such as telegram:-100123, or platform:* for all of a platform's channels")
                    .require(!c.contains(":") || knownPlatform(c), "channels", unknownPlatform(c));
        }
        rules.require(confirmTtl != null && !confirmTtl.isNegative() && !confirmTtl.isZero() && confirmTtl.compareTo(Duration.ofHours(1)) <= 0,
                "confirm-ttl", "must be between 1s and 1h").check();
    }

    private static boolean knownPlatform(String entry) {
        return PLATFORMS.contains(entry.substring(0, Math.max(0, entry.indexOf(':'))));
    }

    private static String unknownPlatform(String entry) {
        return "'" + entry + "' names an unknown platform; known: " + String.join(", ", PLATFORMS.stream().sorted().toList());
    }

    private static Map<String, Set<Role>> copy(Map<String, Set<Role>> m) {
        Map<String, Set<Role>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(v))));
        return Map.copyOf(out);
    }

    /**
     * Reads the {@code access:} section; a missing section is {@link #CONSOLE_ONLY}. Problems are reported
     * to the node's {@link org.caretaker.config.Problems} with their paths; after a problem the result is
     * {@link #CONSOLE_ONLY}, and the loader refuses to start anyway.
     */
    public static AccessConfig read(YamlNode node) {
        if (node.isMissing() || !node.requireObject()) {
            return CONSOLE_ONLY;
        }
        Map<String, Set<Role>> users = grants(node, "users");
        Map<String, Set<Role>> platformRoles = grants(node, "platform-roles");
        Set<String> channels = new LinkedHashSet<>(node.has("channels") ? node.strings("channels") : List.of(CONSOLE));
        if (node.has("channels") && channels.isEmpty()) {
            node.get("channels").problem("must list at least one channel; without the key only console:local is used");
        }
        Duration ttl = node.duration("confirm-ttl", DEFAULT_CONFIRM_TTL);
        node.rejectUnknownKeys();
        try {
            return new AccessConfig(users, platformRoles, channels, ttl);
        } catch (Rules.InvalidValueException e) {
            for (String p : e.problems()) {
                int colon = p.indexOf(": ");
                String field = p.substring(0, colon);
                node.problems().add(node.path().isEmpty() ? field : node.path() + "." + field, p.substring(colon + 2));
            }
            return CONSOLE_ONLY;
        }
    }

    private static Map<String, Set<Role>> grants(YamlNode parent, String key) {
        Map<String, Set<Role>> out = new LinkedHashMap<>();
        for (YamlNode item : parent.list(key)) {
            if (!item.requireObject()) {
                if (item.isMissing()) {
                    item.problem("is empty; write { id: \"platform:id\", roles: [viewer] }");
                }
                continue;
            }
            String id = item.requiredString("id");
            Set<Role> roles = EnumSet.noneOf(Role.class);
            List<YamlNode> roleNodes = item.list("roles");
            if (roleNodes.isEmpty() && !item.get("roles").isArray()) {
                item.get("roles").problem("is required: a list of roles (" + known() + ")");
            }
            for (YamlNode r : roleNodes) {
                String text = r.asString("");
                Role.parse(text).ifPresentOrElse(roles::add, () -> r.problem("unknown role '" + text + "'; known: " + known()));
            }
            item.rejectUnknownKeys();
            if (id.isEmpty() || roles.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                item.get("id").problem("'" + id + "' is not platform:id, such as telegram:123456");
                continue;
            }
            if (out.containsKey(id)) {
                item.get("id").problem("'" + id + "' is listed twice");
                continue;
            }
            out.put(id, roles);
        }
        return out;
    }

    private static String known() {
        return Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
