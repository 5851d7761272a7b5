package org.caretaker.maintenance;

import java.util.List;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.job.Trigger;

/** What chat commands need to start a procedure now; the run is stored and reported like any other. */
public interface Procedures {

    /**
     * Runs the procedure on one host, or on every host it applies to.
     *
     * @throws IllegalArgumentException for an unknown procedure or host, naming the known ones
     */
    List<Finding> runNow(String procedure, Optional<String> host, Trigger trigger) throws InterruptedException;
}
