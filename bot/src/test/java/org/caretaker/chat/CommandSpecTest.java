package org.caretaker.chat;

import java.nio.file.Path;
import java.util.List;
import org.caretaker.config.Role;
import org.caretaker.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ChatCommand specs read their arity from the usage; the registry refuses a name twice; the audit keeps arguments apart. */
class CommandSpecTest {
    @TempDir
    Path dir;

    @Test
    void arityIsReadFromTheUsage() {
        CommandSpec check = CommandSpec.reading("check", "/check <check> [host]", "Runs a check.", Role.OPERATOR);
        CommandSpec ack = CommandSpec.reading("ack", "/ack <id> [ttl like 2h]", "Acks.", Role.OPERATOR);
        CommandSpec help = CommandSpec.reading("help", "/help", "Helps.", Role.VIEWER);

        assertThat(List.of(check.minArgs(), check.maxArgs(), ack.minArgs(), ack.maxArgs(), help.minArgs(), help.maxArgs()))
                .containsExactly(1, 2, 1, 2, 0, 0);
        assertThat(check.changesHosts(List.of("disk-usage"))).isFalse();
    }

    @Test
    void aMalformedSpec_failsAtStartUp() {
        assertThatThrownBy(() -> CommandSpec.reading("Check", "/Check", "x", Role.VIEWER))
                .hasMessage("a command name is kebab-case, found 'Check'");
        assertThatThrownBy(() -> CommandSpec.reading("check", "/chek <check>", "x", Role.VIEWER))
                .hasMessage("the usage of /check starts with /check, found '/chek <check>'");
        assertThatThrownBy(() -> CommandSpec.reading("check", "/check [host] <check>", "x", Role.VIEWER))
                .hasMessage("the usage of /check lists <required> then [optional] arguments, found '<check>'");
        assertThatThrownBy(() -> CommandSpec.reading("check", "/check <check>", " ", Role.VIEWER))
                .hasMessage("/check needs a summary");
    }

    private static ChatCommand command(String name) {
        return new ChatCommand() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.reading(name, "/" + name, "Does " + name + ".", Role.VIEWER);
            }

            @Override
            public Report handle(CommandRequest req) {
                return Report.text(name, org.caretaker.check.Severity.OK);
            }
        };
    }

    @Test
    void theRegistryRefusesANameTwice_andKeepsTheOrder() {
        CommandRegistry r = new CommandRegistry().register(command("status")).register(command("help"));

        assertThatThrownBy(() -> r.register(command("status"))).hasMessage("the chat command /status is registered twice");
        assertThatThrownBy(() -> r.register(command("confirm"))).hasMessage("the chat command /confirm is registered twice");
        assertThat(r.specs()).extracting(CommandSpec::name).containsExactly("status", "help");
        assertThat(r.list()).hasSize(2);
        assertThat(r.find("help")).isPresent();
        assertThat(r.find("nope")).isEmpty();
    }

    @Test
    void theAuditKeepsArgumentsAsAJsonArray_neverJoined() throws Exception {
        try (Bench bench = new Bench(dir)) {
            bench.audit.record(Bench.console("check", "a b", "c\"d", "é"), AuditLog.Outcome.INVALID_ARGUMENTS, "test");
            assertThat(bench.audit.recent(5)).singleElement().satisfies(e -> {
                assertThat(e.args()).containsExactly("a b", "c\"d", "é");
                assertThat(e.user()).isEqualTo("console:local");
            });
        }
        assertThat(AuditLog.args(List.of("a b", "c"))).isEqualTo("[\"a b\",\"c\"]");
        assertThat(AuditLog.args(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")))
                .isEqualTo("[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"… 2 more\"]");
        assertThat(AuditLog.args(List.of("\u0001".repeat(500))).length()).isLessThan(4000 / 8);
    }

    @Test
    void theAuditListsTheNewestFirst() throws Exception {
        try (Bench bench = new Bench(dir)) {
            bench.router.handle(Bench.console("status"));
            bench.router.handle(Bench.console("help"));
            assertThat(bench.audit.recent(10)).extracting(AuditLog.Entry::command).containsExactly("help", "status");
            assertThat(bench.audit.recent(1)).hasSize(1);
        }
    }
}
