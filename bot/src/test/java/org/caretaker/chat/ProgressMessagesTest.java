package org.caretaker.chat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.console.ConsoleAdapter;
import org.caretaker.chat.console.ConsoleRenderer;
import org.caretaker.outbox.ChatSink;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class ProgressMessagesTest {
    @TempDir
    Path dir;
    private Bench bench;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private ConsoleAdapter console;

    @BeforeEach
    void open() throws Exception {
        bench = new Bench(dir);
        console = new ConsoleAdapter(bench.router, new BufferedReader(new StringReader("")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), new ConsoleRenderer(), () -> { }, false);
    }

    @AfterEach
    void close() {
        bench.close();
    }

    /** A sink that cannot edit: it gets no progress. */
    private static final ChatSink PLAIN = new ChatSink() {
        @Override
        public String platform() {
            return "telegram";
        }

        @Override
        public void deliver(String channel, Report report) {
        }
    };

    @Test
    void aStep_opensUpdatesAndClosesOneMessagePerChannel() {
        ProgressMessages pm = ProgressMessages.forChannels("weekly-snapraid", List.of("console:local", "telegram:-100"),
                List.of(console, PLAIN), Runnable::run);

        pm.progress("nas", "sync", 0, Optional.empty());
        pm.progress("nas", "sync", 45, Optional.of(Duration.ofMinutes(3)));
        pm.progress("nas", "sync", 90, Optional.of(Duration.ofMinutes(125)));
        pm.progress("nas", "sync", 99, Optional.of(Duration.ofSeconds(20)));
        pm.finished("nas", "sync");
        pm.finished("nas", "scrub");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                weekly-snapraid on nas: sync 0 %
                weekly-snapraid on nas: sync 45 %, about 3 min left
                weekly-snapraid on nas: sync 90 %, about 2 h 5 min left
                weekly-snapraid on nas: sync 99 %, less than a minute left
                weekly-snapraid on nas: sync finished
                """);
    }

    @Test
    void eachHostAndStep_hasItsOwnMessage_andBoardsThatFailDoNotStopOthers() {
        List<String> calls = new ArrayList<>();
        ProgressBoard recording = new ProgressBoard() {
            @Override
            public Handle open(String channel, String text) {
                calls.add("open " + channel + " " + text);
                return new Handle(channel, Optional.of(String.valueOf(calls.size())));
            }

            @Override
            public void update(Handle h, String text) {
                calls.add("update " + h.messageId().orElseThrow() + " " + text);
            }

            @Override
            public void close(Handle h, String text) {
                calls.add("close " + h.messageId().orElseThrow() + " " + text);
            }
        };
        ProgressBoard broken = new ProgressBoard() {
            @Override
            public Handle open(String channel, String text) {
                throw new IllegalStateException("down");
            }

            @Override
            public void update(Handle h, String text) {
            }

            @Override
            public void close(Handle h, String text) {
            }
        };
        ProgressMessages pm = new ProgressMessages("monthly-scrub", List.of(new ProgressMessages.Target(broken, "x:1"),
                new ProgressMessages.Target(recording, "discord:7")), Runnable::run);
        ProgressMessages fine = new ProgressMessages("monthly-scrub", List.of(new ProgressMessages.Target(recording, "discord:7")), Runnable::run);

        fine.progress("nas", "scrub", 10, Optional.empty());
        fine.progress("backup", "scrub", 20, Optional.empty());
        fine.progress("nas", "scrub", 30, Optional.empty());
        fine.finished("nas", "scrub");
        pm.progress("nas", "scrub", 5, Optional.empty());

        assertThat(calls).containsExactly(
                "open discord:7 monthly-scrub on nas: scrub 10 %",
                "open discord:7 monthly-scrub on backup: scrub 20 %",
                "update 1 monthly-scrub on nas: scrub 30 %",
                "close 1 monthly-scrub on nas: scrub finished",
                "open discord:7 monthly-scrub on nas: scrub 5 %");
    }
}
