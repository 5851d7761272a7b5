package org.caretaker.check;

import org.caretaker.config.HostConfig;
import org.caretaker.exec.Executor;

/** Makes the executor for one host for one sweep: SSH for remote hosts, local for {@code local: true}. */
@FunctionalInterface
public interface ExecutorFactory {
    Executor open(HostConfig host);
}
