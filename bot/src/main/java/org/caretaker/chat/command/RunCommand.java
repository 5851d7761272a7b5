package org.caretaker.chat.command;

import java.util.List;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.job.Trigger;
import org.caretaker.report.Report;

/**
 * {@code /run <job>}: starts a scheduled job now. A job that changes hosts (a SnapRAID sync) needs an
 * admin and a confirmation; the others an operator. The spec asks {@link Jobs} each time, so a job whose
 * schedule file changed is judged as it is now.
 */
public final class RunCommand implements ChatCommand {
    private final Jobs jobs;
    private final CommandSpec spec;

    public RunCommand(Jobs jobs) {
        this.jobs = jobs;
        this.spec = new CommandSpec("run", "/run <job>", "Starts a scheduled job now; jobs that change hosts need an admin and a confirmation.",
                Role.OPERATOR, this::changesHosts);
    }

    private boolean changesHosts(List<String> args) {
        return !args.isEmpty() && jobs.list().stream().anyMatch(j -> j.id().equals(args.get(0)) && j.changesHosts());
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Report handle(CommandRequest req) {
        String job = req.args().get(0);
        try {
            return Report.text(jobs.start(job, Trigger.chat(req.user().qualifiedId())), Severity.OK);
        } catch (IllegalArgumentException e) {
            List<String> known = jobs.list().stream().map(JobInfo::id).toList();
            String message = e.getMessage() != null ? e.getMessage() : "Unknown job '" + job + "'; known: " + String.join(", ", known) + ".";
            return Report.text("/run refused", Severity.WARN, message);
        }
    }
}
