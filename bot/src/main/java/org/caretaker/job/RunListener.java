package org.caretaker.job;

/** Told about every finished run: the alert engine, the reporter, the site. */
@FunctionalInterface
public interface RunListener {
    void finished(RunOutcome outcome) throws Exception;
}
