package org.caretaker.check;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/** What a check gets to do its work on one host: the host, its thresholds, a way to run commands, memory. */
public interface CheckContext {

    HostConfig host();

    Thresholds thresholds();

    /** Runs a command on the host. Host-level failures (unreachable, auth, host key) propagate. */
    CommandOutput exec(Command command) throws ExecException, InterruptedException;

    /** Now, as the engine's clock says (tests set it). */
    Instant now();

    /** When this check last ran on this host, if ever. */
    Optional<Instant> lastRun();

    /** A metric this check recorded for a subject on its last run on this host. */
    OptionalDouble lastMetric(String subject, String metric);

    /** A fresh collector for this check's findings on this host. */
    Findings findings();
}
