package org.caretaker.chat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caretaker.chat.Bench;
import org.caretaker.chat.CommandRequest;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console adapter driven through a pipe, as when the bot's stdin is not a terminal. */
class ConsoleAdapterTest {
    @TempDir
    Path dir;
    private Bench bench;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final CountDownLatch eof = new CountDownLatch(1);

    @BeforeEach
    void open() throws Exception {
        bench = new Bench(dir);
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesFromAPipe_areAnswered_andTheEndOfInputCallsBack() throws Exception {
        ConsoleAdapter console = new ConsoleAdapter(bench.router, new BufferedReader(new StringReader("/help\n\n  status  \n")), out,
                new ConsoleRenderer(), eof::countDown, false);

        console.start();

        assertThat(eof.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output()).isEqualTo("""
                [ OK ] Commands you can use (admin)

                  /status [host] — Shows what is wrong now, from the latest stored results.
                  /check <check> [host] — Runs a check (or all) now, on one host or on every host it applies to.
                  /schedule — Lists the scheduled jobs with their next and last runs.
                  /run <job> — Starts a scheduled job now; jobs that change hosts need an admin and a confirmation.
                  /ack <id> [ttl] — Mutes a finding by its /status id until it changes, or for a time such as 2h or 3d.
                  /hosts <action> <host> — /hosts discover: what a host runs, and the tags and expectations to set for it; writes nothing.
                  /help — Lists the commands you can use.
                  /confirm <code> — Goes ahead with a command that changes a host, within minutes of asking.

                [UNKN] Nothing checked yet

                  No check has run yet: try /check all, or wait for the first schedule.

                """);
        assertThat(bench.audit.recent(5)).extracting(e -> e.user() + " " + e.channel() + " " + e.command())
                .containsExactly("console:local console:local status", "console:local console:local help");
    }

    @Test
    void progress_isALinePerUpdate() {
        ConsoleAdapter console = new ConsoleAdapter(bench.router, new BufferedReader(new StringReader("")), out, new ConsoleRenderer(),
                eof::countDown, false);

        org.caretaker.chat.ProgressBoard.Handle h = console.open("console:local", "weekly-snapraid on nas: sync 0 %");
        console.update(h, "weekly-snapraid on nas: sync 45 %, about 3 min left");
        console.close(h, "weekly-snapraid on nas: sync finished");

        assertThat(output()).isEqualTo("""
                weekly-snapraid on nas: sync 0 %
                weekly-snapraid on nas: sync 45 %, about 3 min left
                weekly-snapraid on nas: sync finished
                """);
    }

    @Test
    void aTypedLine_becomesARequestFromTheLocalConsole() {
        CommandRequest req = ConsoleAdapter.parse("  /check   disk-usage\tlocal ").orElseThrow();

        assertThat(req.user().qualifiedId()).isEqualTo("console:local");
        assertThat(req.user().displayName()).isEqualTo("console");
        assertThat(req.channel()).isEqualTo("console:local");
        assertThat(req.platformRoles()).isEmpty();
        assertThat(req.name()).isEqualTo("check");
        assertThat(req.args()).containsExactly("disk-usage", "local");
        assertThat(ConsoleAdapter.parse("status").orElseThrow().args()).isEmpty();
        assertThat(ConsoleAdapter.parse("   ")).isEmpty();
    }

    @Test
    void aCheckTypedInTheConsole_runsAsTheConsoleUser() throws Exception {
        new ConsoleAdapter(bench.router, new BufferedReader(new StringReader("/check disk-usage nas\n")), out, new ConsoleRenderer(),
                eof::countDown, false).start();

        assertThat(eof.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bench.checks.calls).containsExactly("disk-usage nas chat:console:local");
        assertThat(output()).startsWith("[CRIT] disk-usage on nas: CRIT (1 CRIT, 1 OK)\n");
    }

    @Test
    void afterTheInputEnds_outboxDeliveriesStillPrint_andAPromptIsShownOnlyWhenAsked() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        ConsoleAdapter console = new ConsoleAdapter(bench.router, new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), out,
                new ConsoleRenderer(), eof::countDown, true);
        console.start();

        typing.write("/schedule\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        typing.close();
        assertThat(eof.await(30, TimeUnit.SECONDS)).isTrue();
        console.deliver("console:local", Report.text("daily-sanity: 1 new problem", Severity.WARN, "nas disk-usage /srv: 91% full"));

        String o = output();
        assertThat(o).startsWith(ConsoleAdapter.PROMPT + "[ OK ] 2 scheduled jobs\n");
        assertThat(o).endsWith(ConsoleAdapter.PROMPT + "\n[WARN] daily-sanity: 1 new problem\n\n  nas disk-usage /srv: 91% full\n\n");
        assertThat(console.platform()).isEqualTo("console");
    }

    @Test
    void deliveriesFromSeveralThreads_doNotInterleave() throws Exception {
        ConsoleAdapter console = new ConsoleAdapter(bench.router, new BufferedReader(new StringReader("")), out, new ConsoleRenderer(),
                eof::countDown, false);
        Report report = Report.text("report", Severity.OK, "a", "b", "c", "d");
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 50; j++) {
                    console.deliver("console:local", report);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        String one = new ConsoleRenderer().render(report) + "\n";
        assertThat(output()).isEqualTo(one.repeat(200));
    }
}
