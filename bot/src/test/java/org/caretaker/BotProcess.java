package org.caretaker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code caretaker run} as a whole process of its own, started from the test class path, so a test can do
 * to it what happens to a bot on a NAS: stop it with SIGTERM, or kill it with SIGKILL in the middle of a job
 * and start it again on the same data. Its standard output and error go to a log file the test reads.
 */
public final class BotProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private BotProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code caretaker run --config <config>} plus any extra arguments (such as {@code --now JOB}), with
     * stdin closed, so the console sees its input end and the bot keeps running.
     *
     * @param log where the process's standard output and error are appended
     */
    public static BotProcess start(Path config, Path log, String... extra) throws IOException {
        // INFO: the lines a test waits for ("caretaker running", "leadership taken") are logged at INFO.
        return start(List.of("-Dcaretaker.log.level=INFO"), config, log, extra);
    }

    /** As {@link #start}, logging at the levels a user gets without setting any. */
    public static BotProcess startAtDefaultLevels(Path config, Path log, String... extra) throws IOException {
        return start(List.of(), config, log, extra);
    }

    private static BotProcess start(List<String> jvm, Path config, Path log, String... extra) throws IOException {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        argv.addAll(jvm);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.caretaker.cli.Main", "run", "--config", config.toString()));
        argv.addAll(List.of(extra));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new BotProcess(p, log);
    }

    /** Waits until the log has a line the predicate accepts; throws with the log's tail if it never comes. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws IOException, InterruptedException {
        Optional<String> line;
        try {
            line = await("a line in " + log.getFileName()).atMost(timeout)
                    .until(() -> lines().stream().filter(wanted).findFirst(), found -> found.isPresent() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no such line within " + timeout + "; log:\n" + tail(40), e);
        }
        if (line.isEmpty()) {
            throw new IllegalStateException("the bot exited with " + process.exitValue() + " before the line came; log:\n" + tail(40));
        }
        return line.get();
    }

    /**
     * Waits for the bot's "caretaker is running" line on its standard output: the scheduler, the chat adapters
     * and HTTP are up. (The log's own "caretaker running" line is at INFO, which the bot does not print by
     * default.)
     */
    public BotProcess awaitRunning(Duration timeout) throws IOException, InterruptedException {
        awaitLine(l -> l.startsWith("caretaker is running"), timeout);
        return this;
    }

    public List<String> lines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    public String tail(int n) throws IOException {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end on its own; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the bot still runs after " + timeout);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed; what the database has is what survives. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, and waits for the bot's own shutdown; returns its exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IllegalStateException("the bot did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
