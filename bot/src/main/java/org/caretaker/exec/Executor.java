package org.caretaker.exec;

/**
 * Runs commands on one host. One executor serves one host for one run: {@link SshExecutor} opens one
 * connection on first use, or borrows the running bot's warm one from an {@link SshPool}, and runs several
 * commands on it at once (one channel each); {@link LocalExecutor} starts processes on this machine. Both apply the command's timeout on the host and cap the output.
 * Implementations are thread-safe.
 */
public interface Executor extends AutoCloseable {

    CommandOutput run(Command command) throws ExecException, InterruptedException;

    /**
     * Runs a command and hands each line of its stdout and stderr, split on {@code \r} and {@code \n}, to
     * {@code progress} while it runs, so that a long run (a SnapRAID sync) can be watched. The result is the
     * same as {@link #run(Command)}'s. Calls are serialised; whatever the listener throws is ignored. An
     * executor that cannot stream just runs the command: the default.
     */
    default CommandOutput run(Command command, java.util.function.Consumer<String> progress)
            throws ExecException, InterruptedException {
        return run(command);
    }

    @Override
    void close();
}
