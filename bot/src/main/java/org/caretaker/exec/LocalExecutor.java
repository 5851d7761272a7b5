package org.caretaker.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.caretaker.concurrent.Threads;

/**
 * Runs commands on this machine, with the same contract as {@link SshExecutor}: {@code LC_ALL=C}, the
 * command's timeout enforced by {@code timeout} (and, as a last resort, by killing the process tree), and
 * stdout/stderr capped at {@code outputCap} bytes each. Used for hosts configured with {@code local: true},
 * which is how the embedded default looks after the machine it runs on.
 */
public final class LocalExecutor implements Executor {
    /** Beyond the command's own timeout: {@code timeout -k 5} may need 5 s to KILL, plus scheduling slack. */
    static final Duration GRACE = Duration.ofSeconds(8);

    private final int outputCap;
    private final boolean sudo;
    private final ExecutorService readers = Executors.newCachedThreadPool(Threads.daemon("local-exec-reader"));

    public LocalExecutor(int outputCap, boolean sudo) {
        this.outputCap = outputCap;
        this.sudo = sudo;
    }

    @Override
    public CommandOutput run(Command command) throws ExecException, InterruptedException {
        return run(command, null);
    }

    @Override
    public CommandOutput run(Command command, java.util.function.Consumer<String> progress) throws ExecException, InterruptedException {
        java.util.function.Consumer<String> lines = progress == null ? null : BoundedCapture.serial(progress);
        List<String> argv = new ArrayList<>(List.of("timeout", "-k", "5", Long.toString(command.timeoutSeconds())));
        if (sudo && command.root()) {
            argv.addAll(List.of("sudo", "-n"));
        }
        argv.addAll(command.argv());
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ExecException(ExecException.Kind.IO, "cannot start " + command.label() + ": " + e.getMessage(), e);
        }
        BoundedCapture out = new BoundedCapture(p.getInputStream(), outputCap, lines);
        BoundedCapture err = new BoundedCapture(p.getErrorStream(), outputCap, lines);
        Future<?> fo = readers.submit(out);
        Future<?> fe = readers.submit(err);
        try {
            long limitMs = command.timeout().plus(GRACE).toMillis();
            if (!p.waitFor(limitMs, TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new ExecException(ExecException.Kind.TIMEOUT,
                        command.label() + " did not finish within " + command.timeoutSeconds() + " s and was killed");
            }
            // Children that inherited the pipes (a backgrounded process) could keep them open forever.
            fo.get(2, TimeUnit.SECONDS);
            fe.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        } catch (TimeoutException e) {
            kill(p);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ExecException(ExecException.Kind.IO, "reading output of " + command.label() + " failed", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new CommandOutput(p.exitValue(), out.text(), err.text(), took, out.truncated() || err.truncated());
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
