package org.caretaker.check;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * A {@link CheckContext} for unit tests of {@link Check#run}: answers commands with canned outputs (matched
 * by the command line as the host would see it), records what was asked, and remembers metrics of a
 * "previous run" the test sets up.
 */
public final class ScriptedContext implements CheckContext {
    private final HostConfig host;
    private final Check check;
    private final Map<String, CommandOutput> answers = new LinkedHashMap<>();
    private final Map<String, Double> lastMetrics = new HashMap<>();
    private final List<Command> asked = new ArrayList<>();
    private Map<String, Double> overrides = Map.of();
    private Instant now = Instant.parse("2026-11-23T04:00:00Z");
    private Instant lastRun;

    public ScriptedContext(Check check, HostConfig host) {
        this.check = check;
        this.host = host;
    }

    public static HostConfig host(String name, String... tags) {
        return host(name, Expectations.NONE, tags);
    }

    public static HostConfig host(String name, Expectations expect, String... tags) {
        return new HostConfig(name, false, "192.0.2.10", 22, "caretaker", Optional.of(Path.of("id_ed25519")),
                Optional.of(Path.of("known_hosts")), false, Set.of(tags), expect, Map.of());
    }

    /** Answers any command whose argv, joined by spaces, contains {@code fragment}. */
    public ScriptedContext answer(String fragment, int exit, String stdout, String stderr) {
        answers.put(fragment, new CommandOutput(exit, stdout, stderr, Duration.ofMillis(5), false));
        return this;
    }

    public ScriptedContext answer(String fragment, String stdout) {
        return answer(fragment, 0, stdout, "");
    }

    public ScriptedContext thresholds(Map<String, Double> values) {
        this.overrides = values;
        return this;
    }

    public ScriptedContext now(Instant t) {
        this.now = t;
        return this;
    }

    public ScriptedContext previousRun(Instant t) {
        this.lastRun = t;
        return this;
    }

    public ScriptedContext previousMetric(String subject, String metric, double value) {
        lastMetrics.put(subject + "\u0000" + metric, value);
        return this;
    }

    public List<Command> asked() {
        return List.copyOf(asked);
    }

    public List<Finding> run() throws Exception {
        return check.run(this);
    }

    @Override
    public HostConfig host() {
        return host;
    }

    @Override
    public Thresholds thresholds() {
        return Thresholds.layered(check.id(), check.thresholdDefaults(), overrides);
    }

    @Override
    public CommandOutput exec(Command command) throws ExecException {
        asked.add(command);
        String line = String.join(" ", command.argv());
        for (Map.Entry<String, CommandOutput> e : answers.entrySet()) {
            if (line.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return new CommandOutput(127, "", "sh: 1: " + command.argv().get(0) + ": not found\n", Duration.ZERO, false);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Optional<Instant> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    @Override
    public OptionalDouble lastMetric(String subject, String metric) {
        Double v = lastMetrics.get(subject + "\u0000" + metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    @Override
    public Findings findings() {
        return new Findings(check.id(), host.name());
    }
}
