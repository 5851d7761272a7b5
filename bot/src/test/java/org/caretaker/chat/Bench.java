package org.caretaker.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caretaker.chat.command.AckCommand;
import org.caretaker.chat.command.CheckCommand;
import org.caretaker.chat.command.HelpCommand;
import org.caretaker.chat.command.RunCommand;
import org.caretaker.chat.command.ScheduleCommand;
import org.caretaker.chat.command.StatusCommand;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.Role;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.StoreException;

/**
 * The chat core wired as the bot wires it, on a real H2 file, with recording ports. The access list:
 * console:local and telegram:1 are admins, telegram:2 an operator, telegram:3 a viewer, and Discord role
 * 555 makes an operator; commands are taken in console:local, telegram:-100 and discord:900.
 */
public final class Bench implements AutoCloseable {
    public static final AccessConfig ACCESS = new AccessConfig(
            Map.of("console:local", Set.of(Role.ADMIN), "telegram:1", Set.of(Role.ADMIN), "telegram:2", Set.of(Role.OPERATOR),
                    "telegram:3", Set.of(Role.VIEWER)),
            Map.of("discord-role:555", Set.of(Role.OPERATOR)),
            Set.of("console:local", "telegram:-100", "discord:900"),
            Duration.ofMinutes(5));

    public final TestClock clock = new TestClock(Instant.parse("2026-12-03T07:00:00Z"));
    public final Database db;
    public final JdbcHistoryStore store;
    public final AuditLog audit;
    public final Fakes.RecordingChecks checks = new Fakes.RecordingChecks();
    public final Fakes.RecordingJobs jobs = new Fakes.RecordingJobs();
    public final Fakes.RecordingAcknowledger acks = new Fakes.RecordingAcknowledger();
    /** The hosts {@code /hosts discover} was asked to look at. */
    public final java.util.List<String> discovered = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final CommandRegistry registry = new CommandRegistry();
    public final AccessPolicy policy;
    public final CommandRouter router;

    public Bench(Path dir) throws StoreException {
        this(dir, ACCESS);
    }

    public Bench(Path dir, AccessConfig access) throws StoreException {
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
        store = new JdbcHistoryStore(db);
        audit = new AuditLog(db, clock);
        policy = new AccessPolicy(access);
        registry.register(new StatusCommand(store))
                .register(new CheckCommand(checks))
                .register(new ScheduleCommand(jobs))
                .register(new RunCommand(jobs))
                .register(new AckCommand(acks))
                .register(new org.caretaker.chat.command.HostsCommand(host -> {
                    discovered.add(host.name());
                    return new org.caretaker.discover.Discovered(false, true, List.of(), java.util.Optional.empty(), List.of(), List.of(),
                            List.of(), false, List.of(), false, false, false, false, Map.of(), List.of());
                }, List.of(new org.caretaker.config.HostConfig("nas", true, "", 22, "", java.util.Optional.empty(),
                        java.util.Optional.empty(), false, Set.of(), org.caretaker.config.Expectations.NONE, Map.of()))))
                .register(new HelpCommand(registry, policy));
        router = new CommandRouter(registry, policy, audit, clock);
    }

    public static CommandRequest request(String user, String channel, String name, String... args) {
        int colon = user.indexOf(':');
        return new CommandRequest(new ChatUser(user.substring(0, colon), user.substring(colon + 1), "someone"), Set.of(), channel, name, List.of(args));
    }

    public static CommandRequest console(String name, String... args) {
        return request("console:local", "console:local", name, args);
    }

    @Override
    public void close() {
        db.close();
    }
}
