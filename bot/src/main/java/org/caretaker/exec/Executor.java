package org.caretaker.exec;

/**
 * Runs commands on one host. One executor serves one host for one run: {@link SshExecutor} opens one
 * connection on first use and runs several commands on it at once (one channel each); {@link LocalExecutor}
 * starts processes on this machine. Both apply the command's timeout on the host and cap the output.
 * Implementations are thread-safe.
 */
public interface Executor extends AutoCloseable {

    CommandOutput run(Command command) throws ExecException, InterruptedException;

    @Override
    void close();
}
