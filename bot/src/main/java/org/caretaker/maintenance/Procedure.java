package org.caretaker.maintenance;

import java.util.List;
import org.caretaker.check.Finding;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Executor;

/**
 * A maintenance procedure: a sequence of commands on one host that changes it (a SnapRAID sync, a scrub),
 * with decisions between the steps. Unlike a check it is not a single look; it still ends in findings, so its
 * result flows through runs, alerts and reports like any check's. A host that fails a step is a finding, never
 * an exception: only an interruption escapes.
 */
public interface Procedure {

    /** Kebab-case, as a schedule names it: {@code snapraid-weekly}. */
    String id();

    /** The tags a host needs for this procedure to be for it (any one of them). */
    List<String> tags();

    /** Whether this procedure is for the host: it carries one of {@link #tags()}. */
    default boolean appliesTo(HostConfig host) {
        return tags().stream().anyMatch(host.tags()::contains);
    }

    /**
     * Whether the procedure writes to the host, so that starting it needs an admin and a confirmation whatever
     * a schedule file says. True unless a procedure that only reads says otherwise: a new procedure is
     * privileged until proven harmless.
     */
    default boolean changesHosts() {
        return true;
    }

    List<Finding> run(HostConfig host, Executor exec, ProcedureContext ctx) throws InterruptedException;
}
