package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.caretaker.Bot;
import org.caretaker.Caretaker;
import org.caretaker.check.Catalogue;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.HostConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running bot keeps its SSH connections warm: two {@code /check}s on the console share one connection,
 * and stopping the bot closes it. The bot as {@code caretaker run} builds it, against a real SSH server.
 */
class SshPool_BotTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Awaitility fails a wait when any thread dies of an uncaught exception; the chat clients' own threads may
     * (JDA's rate limiter when the bot closes), and that is not what these tests are about.
     */
    private static final ConditionFactory WAITING = Awaitility.await().atMost(WAIT).dontCatchUncaughtExceptions();

    @TempDir
    Path dir;

    private TestSshServer server;
    private Bot bot;
    private final PipedOutputStream typed = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String keepAlive) throws Exception {
        Files.createDirectories(dir.resolve("schedules"));
        server = new TestSshServer(Files.createDirectories(dir.resolve("ssh")));
        HostConfig h = server.host("box");
        Files.writeString(dir.resolve("caretaker.yaml"), """
                hosts:
                  - name: box
                    address: 127.0.0.1
                    port: %d
                    user: %s
                    key: %s
                    known-hosts: %s
                store: { data-dir: data }
                http: { listen: "127.0.0.1:0" }
                runner: { keep-alive: %s }
                """.formatted(h.port(), h.user(), h.key().orElseThrow(), h.knownHosts().orElseThrow(), keepAlive));
        Catalogue catalogue = Catalogue.standard();
        var config = new ConfigLoader(catalogue.thresholdNames(), catalogue.checkIds(), ConfigLoader.systemEnvironment())
                .load(dir.resolve("caretaker.yaml"));
        var in = new BufferedReader(new InputStreamReader(new PipedInputStream(typed, 1 << 16), StandardCharsets.UTF_8));
        bot = new Bot(new Caretaker(config, catalogue, Clock.systemUTC()), in, new PrintStream(screen, true, StandardCharsets.UTF_8), false);
        bot.start();
    }

    private void type(String line) throws Exception {
        typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typed.flush();
    }

    private int answers() {
        String s = screen.toString(StandardCharsets.UTF_8);
        int n = 0;
        for (int i = s.indexOf("load on box: "); i >= 0; i = s.indexOf("load on box: ", i + 1)) {
            n++;
        }
        return n;
    }

    private void awaitAnswers(int n) {
        WAITING.alias("answer " + n + " on the console").untilAsserted(() -> assertThat(answers())
                .as("answers; the console shows:%n%s", screen.toString(StandardCharsets.UTF_8))
                .isEqualTo(n));
    }

    @Test
    void checksFromChat_shareOneWarmConnection_andStoppingTheBotClosesIt() throws Exception {
        start("10m");

        type("/check load box");
        awaitAnswers(1);
        type("/check load box");
        awaitAnswers(2);

        assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("UNREACHABLE");
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.openConnections()).isEqualTo(1);

        bot.close();
        bot = null;
        WAITING.alias("the server sees the connection closed").until(() -> server.openConnections() == 0);
    }

    @Test
    void zeroKeepAlive_connectsForEveryCheck() throws Exception {
        start("0s");

        type("/check load box");
        awaitAnswers(1);
        type("/check load box");
        awaitAnswers(2);

        assertThat(server.connections()).isEqualTo(2);
        WAITING.alias("the server sees both connections closed").until(() -> server.openConnections() == 0);
    }
}
