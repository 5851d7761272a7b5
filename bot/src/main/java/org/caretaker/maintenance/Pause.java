package org.caretaker.maintenance;

import java.time.Duration;

/** Waiting between polls; tests pass one that does not wait. */
@FunctionalInterface
public interface Pause {
    Pause SLEEP = d -> Thread.sleep(d.toMillis());

    void pause(Duration d) throws InterruptedException;
}
