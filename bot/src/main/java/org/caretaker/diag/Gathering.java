package org.caretaker.diag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;

/**
 * One diagnostic's conversation with one host: asks each question independently and writes every answer into
 * the bundle, so that one missing tool or one failing command never stops the rest. Only a host-level failure
 * (unreachable, authentication, host key) propagates: then there is nothing left to ask.
 *
 * <p>Existing checks run here too, through a context that records their commands, so a diagnostic judges
 * SMART, mounts or pods with the same parsers and words as the scheduled checks.
 */
public final class Gathering {
    private final HostConfig host;
    private final Executor executor;
    private final Map<String, Map<String, Double>> labThresholds;
    private final Clock clock;
    private final Instant started;
    private final List<Section> sections = new ArrayList<>();

    public Gathering(HostConfig host, Executor executor, Map<String, Map<String, Double>> labThresholds, Clock clock) {
        this.host = host;
        this.executor = executor;
        this.labThresholds = Map.copyOf(labThresholds);
        this.clock = clock;
        this.started = clock.instant();
    }

    public HostConfig host() {
        return host;
    }

    /**
     * Runs one command and records it.
     *
     * @param tool the program whose absence the answer should name ("lsusb is not installed")
     */
    public synchronized Section ask(String label, Command command, String tool) throws ExecException, InterruptedException {
        Section s;
        try {
            CommandOutput out = executor.run(command);
            String note = "";
            try {
                ToolMissingException.check(out, tool);
            } catch (ToolMissingException e) {
                note = tool + " is not installed";
            }
            if (note.isEmpty() && out.timedOut()) {
                note = "killed after " + command.timeoutSeconds() + " s";
            }
            s = new Section(label, display(command), out.exitCode(), out.stdout(), out.stderr(), note);
        } catch (ExecException e) {
            if (e.kind().hostLevel()) {
                throw e;
            }
            s = new Section(label, display(command), -1, "", "", e.getMessage());
        }
        sections.add(s);
        return s;
    }

    /** Runs an existing check, recording its commands; what it cannot do becomes an UNKNOWN finding, never an exception. */
    public List<Finding> run(Check check) throws ExecException, InterruptedException {
        Recording ctx = new Recording(check);
        Findings single = new Findings(check.id(), host.name());
        try {
            List<Finding> found = check.run(ctx);
            if (!found.isEmpty()) {
                return found;
            }
            single.ok("-", "nothing to report");
        } catch (ToolMissingException e) {
            single.unknown("-", e.tool() + " is not installed on " + host.name() + ", so " + check.id() + " was not gathered")
                    .runbook(Runbook.TOOL_MISSING);
        } catch (UnparseableOutputException e) {
            single.unknown("-", check.id() + ": " + e.getMessage() + ": " + e.excerpt()).runbook(Runbook.UNKNOWN_OUTPUT);
        } catch (ExecException e) {
            if (e.kind().hostLevel()) {
                throw e;
            }
            single.unknown("-", check.id() + ": " + e.getMessage()).runbook(Runbook.COMMAND_TIMEOUT);
        } catch (RuntimeException e) {
            single.unknown("-", check.id() + " failed unexpectedly (" + e.getClass().getSimpleName() + ")")
                    .runbook(Runbook.UNKNOWN_OUTPUT);
        }
        return single.list();
    }

    /** What was gathered so far. */
    public synchronized Bundle bundle(String kind) {
        return new Bundle(kind, host.name(), started, sections);
    }

    private static String display(Command c) {
        return String.join(" ", c.argv().stream().map(Command::quote).toList()) + (c.root() ? "  [root]" : "");
    }

    /** The context a reused check gets: real commands, lab and host thresholds, no memory of earlier runs. */
    private final class Recording implements CheckContext {
        private final Check check;
        private int n;

        Recording(Check check) {
            this.check = check;
        }

        @Override
        public HostConfig host() {
            return host;
        }

        @Override
        public Thresholds thresholds() {
            return Thresholds.layered(check.id(), check.thresholdDefaults(),
                    labThresholds.get(check.id()), host.thresholds().get(check.id()));
        }

        @Override
        public CommandOutput exec(Command command) throws ExecException, InterruptedException {
            CommandOutput out = executor.run(command);
            synchronized (Gathering.this) {
                n++;
                sections.add(new Section(check.id() + "-" + n, display(command), out.exitCode(), out.stdout(), out.stderr(),
                        out.timedOut() ? "killed after " + command.timeoutSeconds() + " s" : ""));
            }
            return out;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Optional<Instant> lastRun() {
            return Optional.empty();
        }

        @Override
        public OptionalDouble lastMetric(String subject, String metric) {
            return OptionalDouble.empty();
        }

        @Override
        public Findings findings() {
            return new Findings(check.id(), host.name());
        }
    }

    /** A section's missing answer as a finding: UNKNOWN, naming the tool or the reason. */
    static void reportMissing(Section s, Findings f, String what) {
        if (!s.note().isEmpty()) {
            f.unknown(s.label(), s.note() + " on " + f.host() + ", so " + what + " was not gathered").runbook(Runbook.TOOL_MISSING);
        } else {
            f.unknown(s.label(), what + " could not be read (exit " + s.exitCode() + "): " + Excerpt.of(s.combined(), 120))
                    .runbook(Runbook.UNKNOWN_OUTPUT);
        }
    }
}
