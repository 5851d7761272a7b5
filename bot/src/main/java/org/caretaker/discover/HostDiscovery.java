package org.caretaker.discover;

import org.caretaker.config.HostConfig;
import org.caretaker.exec.ExecException;

/** Runs {@link Discovery} on a configured host: the port {@code /hosts discover} asks. */
@FunctionalInterface
public interface HostDiscovery {
    Discovered discover(HostConfig host) throws ExecException, InterruptedException;
}
