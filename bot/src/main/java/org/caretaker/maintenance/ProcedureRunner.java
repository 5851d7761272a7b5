package org.caretaker.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.ExecutorFactory;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;
import org.caretaker.check.Sweep;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Executor;

/**
 * Runs one procedure on each host of a run, one host after another: two arrays syncing at once would share
 * nothing but the risk. The result is a {@link Sweep}, so a procedure's run is stored, alerted and reported
 * exactly like a run of checks.
 */
public final class ProcedureRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProcedureRunner.class);
    private final ExecutorFactory executors;
    private final Clock clock;

    public ProcedureRunner(ExecutorFactory executors, Clock clock) {
        this.executors = executors;
        this.clock = clock;
    }

    public Sweep run(Procedure procedure, List<HostConfig> hosts, Duration deadline) throws InterruptedException {
        return run(procedure, hosts, deadline, ProgressListener.NONE);
    }

    /** As {@link #run(Procedure, List, Duration)}, with the progress of long steps going to {@code progress}. */
    public Sweep run(Procedure procedure, List<HostConfig> hosts, Duration deadline, ProgressListener progress)
            throws InterruptedException {
        Instant started = clock.instant();
        ProcedureContext ctx = new ProcedureContext(clock, started.plus(deadline), progress);
        List<Finding> findings = new ArrayList<>();
        for (HostConfig h : hosts) {
            try (Executor exec = executors.open(h)) {
                findings.addAll(procedure.run(h, exec, ctx));
            } catch (RuntimeException e) {
                // A procedure bug on one host must not cost the others their run, nor the job its report.
                LOG.error("procedure failed procedure={} host={}", procedure.id(), h.name(), e);
                Findings f = new Findings(procedure.id(), h.name());
                f.unknown("-", procedure.id() + " stopped with an internal error (" + e.getClass().getSimpleName()
                        + "); nothing more was done on this host").runbook(Runbook.UNKNOWN_OUTPUT);
                findings.addAll(f.list());
            }
        }
        return new Sweep(started, clock.instant(), findings);
    }
}
