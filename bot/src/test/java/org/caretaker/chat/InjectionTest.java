package org.caretaker.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile arguments in every position of every command, sent by an admin in an allowed channel: each is
 * refused with one sentence, reaches none of the ports, and is audited as it was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionTest {
    private Bench bench;

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        bench = new Bench(dir);
    }

    @AfterAll
    void close() {
        bench.close();
    }

    /** Each command with the arguments before the hostile one: every position it has. */
    private static final List<List<String>> POSITIONS = List.of(
            List.of("status"), List.of("check"), List.of("check", "disk-usage"), List.of("schedule"), List.of("run"),
            List.of("ack"), List.of("ack", "1a2b3c4d"), List.of("help"), List.of("confirm"),
            List.of("hosts"), List.of("hosts", "discover"));

    private static final List<String> PAYLOADS = List.of(
            "nas;reboot", "nas|sh", "$(reboot)", "`id`", "nas\nreboot", "nas\r", "--config=/etc/shadow", "-rf",
            "ｄｉｓｋ-usage", "n\u0430s", "ρve", "", "a".repeat(65), "nas reboot", "nas\u0000", "\u202Enas", "nas&&id", "nas>out",
            "'nas'", "\"nas\"", "nas\\", "~root", "*", "nas\t");

    static Stream<Arguments> attempts() {
        List<Arguments> out = new ArrayList<>();
        for (List<String> position : POSITIONS) {
            for (String payload : PAYLOADS) {
                List<String> args = new ArrayList<>(position.subList(1, position.size()));
                args.add(payload);
                out.add(Arguments.of(position.get(0), args));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "/{0} {1}")
    @MethodSource("attempts")
    void isRefused_runsNothing_andIsAudited(String command, List<String> args) throws Exception {
        Report r = bench.router.handle(new CommandRequest(new ChatUser("console", "local", "me"), java.util.Set.of(), "console:local", command, args));

        assertThat(r.severity()).isEqualTo(Severity.WARN);
        assertThat(r.sections()).singleElement().satisfies(s -> assertThat(s.lines()).singleElement()
                .satisfies(l -> assertThat(l.text()).isEqualTo(org.caretaker.chat.Arguments.REFUSAL)));
        assertThat(r.actions()).isEmpty();
        assertThat(bench.checks.calls).isEmpty();
        assertThat(bench.jobs.started).isEmpty();
        assertThat(bench.jobs.listed).as("not even asked whether the job changes hosts").isZero();
        assertThat(bench.acks.acks).isEmpty();
        assertThat(bench.discovered).isEmpty();

        AuditLog.Entry e = bench.audit.recent(1).get(0);
        assertThat(e.outcome()).isEqualTo(AuditLog.Outcome.INVALID_ARGUMENTS);
        assertThat(e.command()).isEqualTo(command);
        assertThat(e.args()).isEqualTo(args.stream().map(a -> a.length() > 64 ? a.substring(0, 64) : a).toList());
        assertThat(e.reason()).isEqualTo(org.caretaker.chat.Arguments.REFUSAL);
    }
}
