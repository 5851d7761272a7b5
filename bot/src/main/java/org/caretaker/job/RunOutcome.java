package org.caretaker.job;

import java.util.List;
import java.util.Optional;
import org.caretaker.check.Sweep;
import org.caretaker.store.Transition;

/**
 * A finished run, handed to whoever reports on it.
 *
 * @param runId       the stored run's id; -1 when the store could not record it
 * @param sweep       the findings
 * @param transitions severity changes this run caused
 * @param error       why the run failed, when it did (the store was down); the findings may still be there
 */
public record RunOutcome(long runId, JobPlan plan, Trigger trigger, boolean recovering, Sweep sweep,
                         List<Transition> transitions, Optional<String> error) {
    public RunOutcome {
        transitions = List.copyOf(transitions);
    }
}
