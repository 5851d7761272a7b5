package org.caretaker.maintenance;

import java.util.List;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.config.HostConfig;
import org.caretaker.job.JobPlan;
import org.caretaker.job.RunService;
import org.caretaker.job.Trigger;

/**
 * Procedures as runs: bound to their runner and to a progress listener, stored and reported through the
 * {@link RunService} like any check. Scheduled jobs get theirs from {@link #forJob}; chat commands start one
 * now through {@link #runNow}.
 */
public final class MaintenanceRuns implements Procedures {

    /** Where a procedure's progress is shown: messages in these channels, updated as it goes. */
    @FunctionalInterface
    public interface Progress {
        ProgressListener to(String job, List<String> channels);
    }

    private final RunService runs;
    private final ProcedureCatalogue procedures;
    private final ProcedureRunner runner;
    private final List<HostConfig> hosts;
    private final List<String> alertChannels;
    private final Progress progress;

    /** @param alertChannels where the progress of a procedure started from chat is shown */
    public MaintenanceRuns(RunService runs, ProcedureCatalogue procedures, ProcedureRunner runner, List<HostConfig> hosts,
                           List<String> alertChannels, Progress progress) {
        this.runs = runs;
        this.procedures = procedures;
        this.runner = runner;
        this.hosts = List.copyOf(hosts);
        this.alertChannels = List.copyOf(alertChannels);
        this.progress = progress;
    }

    /** A scheduled job's procedure, if it names one, with its progress shown in the job's channels. */
    public Optional<RunService.Maintenance> forJob(Optional<String> procedure, String job, List<String> channels) {
        return procedure.flatMap(procedures::procedure).map(p -> bound(p, progress.to(job, channels)));
    }

    @Override
    public List<Finding> runNow(String id, Optional<String> host, Trigger trigger) throws InterruptedException {
        Procedure p = procedures.procedure(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown procedure '" + id + "'; known: " + String.join(", ", procedures.ids())));
        if (host.isPresent()) {
            HostConfig named = hosts.stream().filter(h -> h.name().equals(host.get())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown host '" + host.get()
                            + "'; configured: " + String.join(", ", hosts.stream().map(HostConfig::name).toList())));
            if (!p.appliesTo(named)) {
                throw new IllegalArgumentException(named.name() + " is not tagged " + String.join(" or ", p.tags()));
            }
        }
        JobPlan plan = new JobPlan(id, List.of(), h -> p.appliesTo(h) && host.map(h.name()::equals).orElse(true), Optional.empty());
        return runs.run(plan, trigger, false, Optional.of(bound(p, progress.to(id, alertChannels)))).sweep().findings();
    }

    private RunService.Maintenance bound(Procedure p, ProgressListener listener) {
        return (targets, deadline) -> runner.run(p, targets, deadline, listener);
    }
}
