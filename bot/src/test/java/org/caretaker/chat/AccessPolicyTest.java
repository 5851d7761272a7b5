package org.caretaker.chat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.caretaker.config.AccessConfig;
import org.caretaker.config.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what, where: one row per case, against the specs of the real commands. */
class AccessPolicyTest {
    @TempDir
    Path dir;
    private Bench bench;

    @BeforeEach
    void open() throws Exception {
        bench = new Bench(dir);
    }

    @AfterEach
    void close() {
        bench.close();
    }

    @ParameterizedTest(name = "{0} roles={1} in {2}: /{3} {4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            console:local   | -                | console:local  | status   | -               | ALLOW
            console:local   | -                | console:local  | run      | daily-sanity    | ALLOW
            console:local   | -                | console:local  | run      | weekly-snapraid | CONFIRM
            telegram:1      | -                | telegram:-100  | run      | weekly-snapraid | CONFIRM
            telegram:1      | -                | telegram:-100  | check    | disk-usage      | ALLOW
            telegram:1      | -                | telegram:1     | status   | -               | DENY
            telegram:1      | -                | telegram:-999  | status   | -               | DENY
            telegram:2      | -                | telegram:-100  | status   | -               | ALLOW
            telegram:2      | -                | telegram:-100  | check    | disk-usage      | ALLOW
            telegram:2      | -                | telegram:-100  | ack      | 1a2b3c4d        | ALLOW
            telegram:2      | -                | telegram:-100  | run      | daily-sanity    | ALLOW
            telegram:2      | -                | telegram:-100  | run      | weekly-snapraid | DENY
            telegram:3      | -                | telegram:-100  | status   | -               | ALLOW
            telegram:3      | -                | telegram:-100  | schedule | -               | ALLOW
            telegram:3      | -                | telegram:-100  | help     | -               | ALLOW
            telegram:3      | -                | telegram:-100  | check    | disk-usage      | DENY
            telegram:3      | -                | telegram:-100  | ack      | 1a2b3c4d        | DENY
            telegram:3      | -                | telegram:-100  | run      | daily-sanity    | DENY
            telegram:99     | -                | telegram:-100  | status   | -               | DENY
            telegram:99     | -                | telegram:-100  | help     | -               | DENY
            discord:7       | 555              | discord:900    | check    | disk-usage      | ALLOW
            discord:7       | discord-role:555 | discord:900    | check    | disk-usage      | ALLOW
            discord:7       | 555              | discord:900    | run      | weekly-snapraid | DENY
            discord:7       | 556              | discord:900    | status   | -               | DENY
            discord:7       | -                | discord:900    | status   | -               | DENY
            discord:7       | 555              | discord:901    | status   | -               | DENY
            telegram:8      | 555              | telegram:-100  | status   | -               | DENY
            telegram:8      | discord-role:555 | telegram:-100  | status   | -               | DENY
            console:local   | -                | console:local  | hosts    | discover nas    | ALLOW
            telegram:1      | -                | telegram:-100  | hosts    | discover nas    | ALLOW
            telegram:2      | -                | telegram:-100  | hosts    | discover nas    | DENY
            telegram:3      | -                | telegram:-100  | hosts    | discover nas    | DENY
            discord:7       | 555              | discord:900    | hosts    | discover nas    | DENY
            """)
    void decides(String user, String roles, String channel, String command, String args, Decision.Verdict expected) {
        CommandRequest req = request(user, roles, channel, command, args);
        CommandSpec spec = bench.registry.find(command).orElseThrow().spec();

        assertThat(bench.policy.decide(req, spec).verdict()).isEqualTo(expected);
    }

    private static CommandRequest request(String user, String roles, String channel, String command, String args) {
        CommandRequest base = Bench.request(user, channel, command, args == null ? new String[0] : args.split(" "));
        return new CommandRequest(base.user(), roles == null ? Set.of() : Set.copyOf(Arrays.asList(roles.split(","))), channel, command, base.args());
    }

    @Test
    void denialsSayWhyInOneSentence() {
        CommandSpec run = bench.registry.find("run").orElseThrow().spec();
        CommandSpec status = bench.registry.find("status").orElseThrow().spec();
        CommandSpec check = bench.registry.find("check").orElseThrow().spec();

        assertThat(bench.policy.decide(Bench.request("telegram:2", "telegram:-100", "run", "weekly-snapraid"), run).reason())
                .isEqualTo("/run changes a host and needs the admin role; you have operator");
        assertThat(bench.policy.decide(Bench.request("telegram:3", "telegram:-100", "check", "disk-usage"), check).reason())
                .isEqualTo("/check needs the operator role; you have viewer");
        assertThat(bench.policy.decide(Bench.request("telegram:99", "telegram:-100", "status"), status).reason())
                .isEqualTo("telegram:99 is not on the access list");
        assertThat(bench.policy.decide(Bench.request("telegram:1", "telegram:-5", "status"), status).reason())
                .isEqualTo("commands are not taken in this channel");
    }

    @Test
    void withoutAnAccessSection_onlyTheConsoleIsHeard_asAdmin() {
        AccessPolicy policy = new AccessPolicy(AccessConfig.CONSOLE_ONLY);
        CommandSpec status = bench.registry.find("status").orElseThrow().spec();

        assertThat(policy.decide(Bench.console("status"), status).verdict()).isEqualTo(Decision.Verdict.ALLOW);
        assertThat(policy.role(new ChatUser("console", "local", "me"), Set.of())).contains(Role.ADMIN);
        assertThat(policy.decide(Bench.request("telegram:1", "telegram:1", "status"), status).verdict()).isEqualTo(Decision.Verdict.DENY);
        assertThat(policy.decide(Bench.request("telegram:1", "console:local", "status"), status).verdict()).isEqualTo(Decision.Verdict.DENY);
        assertThat(List.copyOf(AccessConfig.CONSOLE_ONLY.channels())).containsExactly("console:local");
    }

    @Test
    void aPlatformWildcard_takesEveryChannelOfThatPlatform_andNothingElse() {
        AccessPolicy policy = new AccessPolicy(new AccessConfig(java.util.Map.of("discord:7", Set.of(Role.VIEWER)), java.util.Map.of(),
                Set.of("discord:*"), java.time.Duration.ofMinutes(5)));
        CommandSpec status = bench.registry.find("status").orElseThrow().spec();

        assertThat(policy.decide(Bench.request("discord:7", "discord:123", "status"), status).verdict()).isEqualTo(Decision.Verdict.ALLOW);
        assertThat(policy.decide(Bench.request("discord:7", "discord-guild:99", "status"), status).verdict()).isEqualTo(Decision.Verdict.DENY);
        assertThat(policy.decide(Bench.request("discord:7", "telegram:123", "status"), status).verdict()).isEqualTo(Decision.Verdict.DENY);
        assertThat(policy.decide(Bench.request("discord:8", "discord:123", "status"), status).verdict()).isEqualTo(Decision.Verdict.DENY);
    }
}
