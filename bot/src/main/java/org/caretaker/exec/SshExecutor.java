package org.caretaker.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.caretaker.concurrent.Threads;
import org.caretaker.config.HostConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on one host over SSH (sshj). The connection is opened on first use and shared: each command
 * gets its own channel, so several run at once on one connection (at most {@code maxChannels}; the
 * configuration keeps that at or below OpenSSH's default {@code MaxSessions 10}). Host keys are always checked against the host's known_hosts
 * file; an unknown or changed key is refused and never learnt.
 *
 * <p>Made with the public constructor, the executor owns its connection and closes it in {@link #close()}:
 * what one-shot commands want. Made by an {@link SshPool}, it borrows the pool's warm connection to the host,
 * leaves it open on close, and, when a connection that was already open fails to start a channel (the peer
 * restarted or went away while it idled), retries once on a fresh one, so a stale connection is never
 * mistaken for a dead host.
 *
 * <p>A failed connection is remembered: every later command on this executor fails at once with the same
 * host-level {@link ExecException}, so a dead host costs one connect timeout per run, not one per check.
 */
public final class SshExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SshExecutor.class);
    /** Grace beyond the command timeout: the host-side {@code timeout -k 5} needs up to 5 s to KILL. */
    static final Duration GRACE = Duration.ofSeconds(8);
    private static final DefaultConfig SSH_CONFIG = sshConfig();

    private final HostConfig host;
    private final SshConnection connection;
    private final boolean ownsConnection;
    private final int outputCap;
    private final ExecutorService readers = Executors.newCachedThreadPool(Threads.daemon("ssh-exec-reader"));
    private volatile ExecException connectFailure;
    private volatile boolean closed;

    public SshExecutor(HostConfig host, Duration connectTimeout, int outputCap, int maxChannels) {
        this(checkRemote(host), new SshConnection(host, connectTimeout, maxChannels, false), true, outputCap);
    }

    /** An executor on a pool's connection: closing it leaves the connection open. */
    SshExecutor(HostConfig host, SshConnection connection, boolean ownsConnection, int outputCap) {
        this.host = checkRemote(host);
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.outputCap = outputCap;
    }

    private static HostConfig checkRemote(HostConfig host) {
        if (host.local()) {
            throw new IllegalArgumentException(host.name() + " is a local host");
        }
        return host;
    }

    private static DefaultConfig sshConfig() {
        // sshj needs BouncyCastle for ECDSA host keys; register it once, before the first config is built.
        SecurityUtils.isBouncyCastleRegistered();
        DefaultConfig c = new DefaultConfig();
        c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        return c;
    }

    /**
     * Opens the connection now (the runner measures reachability with it); later calls return at once.
     *
     * @return true when a connection kept open from earlier use answered, so no handshake was made (and no
     *         handshake time can be measured)
     */
    public boolean connect() throws ExecException {
        return lease().reused();
    }

    // Not synchronized: connecting is network I/O, and close() must never wait for it.
    private SshConnection.Lease lease() throws ExecException {
        if (closed) {
            throw new ExecException(ExecException.Kind.IO, "executor for " + host.name() + " is closed");
        }
        if (connectFailure != null) {
            throw connectFailure;
        }
        try {
            return connection.lease();
        } catch (ExecException e) {
            if (e.kind().hostLevel()) {
                connectFailure = e;
            }
            throw e;
        }
    }

    /** Connects and logs in, checking the host key strictly; the caller owns the returned client. */
    static SSHClient open(HostConfig host, Duration connectTimeout) throws ExecException {
        try (HandshakeDeadline deadline = new HandshakeDeadline(connectTimeout)) {
            return open(host, connectTimeout, deadline);
        }
    }

    /**
     * Connects and logs in within {@code connectTimeout} as a whole (connect, banner, key exchange, login),
     * whatever the peer sends meanwhile; the deadline's {@link HandshakeDeadline#abort()} ends it early.
     */
    static SSHClient open(HostConfig host, Duration connectTimeout, HandshakeDeadline deadline) throws ExecException {
        SSHClient ssh = new SSHClient(SSH_CONFIG);
        StrictKnownHosts verifier;
        try {
            verifier = new StrictKnownHosts(host.knownHosts().orElseThrow().toFile());
        } catch (IOException e) {
            throw new ExecException(ExecException.Kind.HOST_KEY,
                    "cannot read known_hosts file " + host.knownHosts().orElseThrow() + ": " + e.getMessage(), e);
        }
        ssh.addHostKeyVerifier(verifier);
        ssh.setSocketFactory(deadline.sockets());
        int ms = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        ssh.setConnectTimeout(ms);
        ssh.setTimeout(ms);
        ssh.getTransport().setTimeoutMs(ms);
        // Before connecting: sshj starts the keep-alive thread at connect time only if an interval is set by then.
        // Keep-alives hold an idle kept connection open through NATs and firewalls and find a vanished peer.
        ssh.getConnection().getKeepAlive().setKeepAliveInterval(15);
        try {
            ssh.connect(host.address(), host.port());
        } catch (TransportException e) {
            closeQuietly(ssh);
            if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE || verifier.problem != null) {
                throw new ExecException(ExecException.Kind.HOST_KEY, verifier.describe(host), e);
            }
            throw cut(deadline, host, connectTimeout, e, "SSH handshake with " + host.target() + " failed: " + reason(e));
        } catch (IOException e) {
            closeQuietly(ssh);
            throw cut(deadline, host, connectTimeout, e, "cannot connect to " + host.target() + ": " + reason(e));
        }
        Path key = host.key().orElseThrow();
        java.util.Optional<String> keyProblem = org.caretaker.config.KeyFiles.problem(key);
        if (keyProblem.isPresent()) {
            closeQuietly(ssh);
            throw new ExecException(ExecException.Kind.AUTH, "cannot log in to " + host.target() + ": " + keyProblem.get());
        }
        try {
            KeyProvider keys = ssh.loadKeys(key.toString());
            ssh.authPublickey(host.user(), keys);
        } catch (UserAuthException e) {
            closeQuietly(ssh);
            if (deadline.expired() || deadline.aborted()) {
                throw cut(deadline, host, connectTimeout, e, "");
            }
            throw new ExecException(ExecException.Kind.AUTH,
                    "the server refused key " + host.key().orElseThrow().getFileName() + " for user " + host.user(), e);
        } catch (IOException e) {
            closeQuietly(ssh);
            if (deadline.expired() || deadline.aborted()) {
                throw cut(deadline, host, connectTimeout, e, "");
            }
            throw new ExecException(ExecException.Kind.AUTH, "cannot log in to " + host.target() + ": " + reason(e), e);
        }
        LOG.debug("ssh connected host={} target={}", host.name(), host.target());
        return ssh;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The failure of a handshake, told apart when it was the deadline or the pool closing that ended it. */
    private static ExecException cut(HandshakeDeadline deadline, HostConfig host, Duration limit, Exception e, String otherwise) {
        if (deadline.aborted()) {
            return new ExecException(ExecException.Kind.IO, "the connection to " + host.name() + " was closed while connecting", e);
        }
        if (deadline.expired()) {
            return new ExecException(ExecException.Kind.CONNECT, "SSH handshake with " + host.target() + " did not finish within "
                    + seconds(limit) + " (connect, banner, key exchange and login)", e);
        }
        return new ExecException(ExecException.Kind.CONNECT, otherwise, e);
    }

    @Override
    public CommandOutput run(Command command) throws ExecException, InterruptedException {
        return run(command, null);
    }

    @Override
    public CommandOutput run(Command command, java.util.function.Consumer<String> progress) throws ExecException, InterruptedException {
        java.util.function.Consumer<String> lines = progress == null ? null : BoundedCapture.serial(progress);
        connection.channels().acquire();
        connection.begin();
        try {
            SshConnection.Lease lease = lease();
            Session session;
            try {
                session = lease.client().startSession();
            } catch (IOException | IllegalStateException e) {
                // (sshj throws IllegalStateException when the transport died after the lease looked at it.)
                // A refused channel is an answer: the connection works, and other commands may be using it.
                boolean refused = e instanceof OpenFailException;
                if (refused || !lease.reused()) {
                    throw startFailed(lease.client(), command, e);
                }
                // Nothing was sent to the host yet: a connection kept from earlier went stale (the host restarted,
                // or stopped answering). Drop it and retry once on a new one, so it is not mistaken for a dead host.
                LOG.info("ssh reconnecting host={} reason=\"{}\"", host.name(), reason(e));
                connection.discard(lease.client());
                lease = lease();
                try {
                    session = lease.client().startSession();
                } catch (IOException | IllegalStateException again) {
                    throw startFailed(lease.client(), command, again);
                }
            }
            return exec(lease.client(), session, command, lines);
        } finally {
            connection.end();
            connection.channels().release();
        }
    }

    /**
     * A channel that could not be opened. sshj says "not connected" with an {@link IllegalStateException} when
     * the connection died after the lease looked at it (the server was killed while another command ran): the
     * host is gone, not the check broken, so that is a connect failure; anything else is an I/O failure.
     */
    private ExecException startFailed(SSHClient client, Command command, Exception e) {
        if (!client.isConnected()) {
            connection.discard(client);
        }
        if (e instanceof IllegalStateException) {
            return new ExecException(ExecException.Kind.CONNECT, "connection to " + host.target() + " was lost before "
                    + command.label() + " could start: " + reason(e), e);
        }
        return new ExecException(ExecException.Kind.IO, "connection to " + host.name() + " failed while starting "
                + command.label() + ": " + reason(e), e);
    }

    private CommandOutput exec(SSHClient ssh, Session opened, Command command, java.util.function.Consumer<String> lines) throws ExecException, InterruptedException {
        long start = System.nanoTime();
        String line = command.remoteLine(host.sudo());
        try (Session session = opened) {
            Session.Command cmd = session.exec(line);
            BoundedCapture out = new BoundedCapture(cmd.getInputStream(), outputCap, lines);
            BoundedCapture err = new BoundedCapture(cmd.getErrorStream(), outputCap, lines);
            Future<?> fo = readers.submit(out);
            Future<?> fe = readers.submit(err);
            long limitMs = command.timeout().plus(GRACE).toMillis();
            try {
                fo.get(limitMs, TimeUnit.MILLISECONDS);
                long left = Math.max(1000, limitMs - (System.nanoTime() - start) / 1_000_000);
                fe.get(left, TimeUnit.MILLISECONDS);
                cmd.join(Math.max(1000, limitMs - (System.nanoTime() - start) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                cmd.close();
                throw new ExecException(ExecException.Kind.TIMEOUT,
                        command.label() + " did not finish within " + command.timeoutSeconds() + " s on " + host.name());
            } catch (ConnectionException e) {
                if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                    cmd.close();
                    throw new ExecException(ExecException.Kind.TIMEOUT,
                            command.label() + " did not report its exit status within its timeout on " + host.name());
                }
                throw e;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new ExecException(ExecException.Kind.IO, "reading output of " + command.label() + " failed", e.getCause());
            }
            Integer exit = cmd.getExitStatus();
            int code;
            if (exit != null) {
                code = exit;
            } else if (cmd.getExitSignal() != null) {
                code = 128 + signalNumber(cmd.getExitSignal().name());
            } else {
                code = -1;
            }
            if (out.failure() != null || err.failure() != null) {
                IOException f = out.failure() != null ? out.failure() : err.failure();
                throw new ExecException(ExecException.Kind.IO, "connection to " + host.name() + " broke while " + command.label() + " ran: " + reason(f), f);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new CommandOutput(code, out.text(), err.text(), took, out.truncated() || err.truncated());
        } catch (ExecException e) {
            throw e;
        } catch (IOException e) {
            if (!ssh.isConnected()) {
                connection.discard(ssh);
            }
            throw new ExecException(ExecException.Kind.IO, "connection to " + host.name() + " broke while " + command.label() + " ran: " + reason(e), e);
        }
    }

    private static int signalNumber(String name) {
        switch (name) {
            case "HUP": return 1;
            case "INT": return 2;
            case "QUIT": return 3;
            case "ABRT": return 6;
            case "KILL": return 9;
            case "SEGV": return 11;
            case "PIPE": return 13;
            case "ALRM": return 14;
            case "TERM": return 15;
            default: return 0;
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debug("ssh disconnect failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        if (ownsConnection) {
            connection.close();
        }
        readers.shutdownNow();
    }

    /**
     * known_hosts verification that never accepts a key it does not already have, and remembers why it
     * refused, so the finding can tell "unknown host key" from "host key CHANGED".
     */
    static final class StrictKnownHosts extends OpenSSHKnownHosts {
        volatile String problem;
        volatile String fingerprint;

        StrictKnownHosts(java.io.File file) throws IOException {
            super(file);
        }

        /**
         * A key on an {@code @revoked} line is refused before anything else, as OpenSSH does: sshj would
         * accept it when a plain line for the same key exists, and call it "changed" when none does.
         */
        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            String adjusted = port != 22 ? "[" + hostname + "]:" + port : hostname;
            String keyFingerprint = SecurityUtils.getFingerprint(key);
            for (KnownHostEntry e : entries()) {
                try {
                    if (e.getLine() != null && e.getLine().startsWith("@revoked")
                            && (e.appliesTo(adjusted) || e.appliesTo(hostname))
                            && keyFingerprint.equals(e.getFingerprint())) {
                        problem = "revoked";
                        fingerprint = sha256(key);
                        return false;
                    }
                } catch (IOException | RuntimeException ex) {
                    LOG.debug("known_hosts line not understood: {}", ex.toString());
                }
            }
            return super.verify(hostname, port, key);
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            problem = "unknown";
            fingerprint = sha256(key);
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            problem = "changed";
            fingerprint = sha256(key);
            return false;
        }

        /** The fingerprint as {@code ssh-keygen -lf} prints it, to compare on the host's console. */
        static String sha256(PublicKey key) {
            try {
                byte[] blob = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key).getCompactData();
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
                return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
            } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
                return SecurityUtils.getFingerprint(key);
            }
        }

        String describe(HostConfig host) {
            String where = host.knownHosts().map(Path::toString).orElse("known_hosts");
            if ("revoked".equals(problem)) {
                return "REVOKED HOST KEY DETECTED: the host key of " + host.target() + " (" + fingerprint
                        + ") is marked as revoked in " + where + "; refused. This could mean that a stolen key is being"
                        + " used to impersonate this host";
            }
            if ("changed".equals(problem)) {
                return "host key of " + host.target() + " has CHANGED (now " + fingerprint + ") and does not match "
                        + where + "; refused. A reinstall or a machine in the middle: verify before updating known_hosts";
            }
            return "host key of " + host.target() + " (" + (fingerprint == null ? "unknown" : fingerprint)
                    + ") is not in " + where + "; refused. Verify it and add the host's line to known_hosts";
        }
    }
}
