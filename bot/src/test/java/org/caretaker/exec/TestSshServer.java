package org.caretaker.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;

/**
 * A real SSH server in the test JVM (Apache MINA SSHD) on a random loopback port. Commands run through
 * {@code /bin/sh -c} as real processes, like on a host; a command line ending in {@value #HANG} never
 * answers at all, like a server whose process is stuck in the kernel.
 */
public final class TestSshServer implements AutoCloseable {
    public static final String HANG = "caretaker-test-never-answers";

    private SshServer sshd;
    private final Path dir;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger openChannels = new AtomicInteger();
    private final AtomicInteger mostChannelsAtOnce = new AtomicInteger();
    private final OpenSshKeys.Written clientKey;
    private final List<String> wrap;

    public TestSshServer(Path dir) throws IOException, GeneralSecurityException {
        this(dir, "ed25519");
    }

    public TestSshServer(Path dir, String keyType) throws IOException, GeneralSecurityException {
        this(dir, keyType, List.of());
    }

    /**
     * @param wrap a program and its arguments that every command runs under, such as {@code nsenter -t PID -m --}
     *             to run the host's commands in a mount namespace made to look like another machine
     */
    public TestSshServer(Path dir, String keyType, List<String> wrap) throws IOException, GeneralSecurityException {
        this.dir = dir;
        this.wrap = List.copyOf(wrap);
        Path keyFile = dir.resolve("id_" + keyType);
        clientKey = keyType.equals("rsa") ? OpenSshKeys.rsa(keyFile) : OpenSshKeys.ed25519(keyFile);
        Files.writeString(dir.resolve("authorized_keys"), clientKey.authorizedKeysLine() + "\n");
        sshd = start(0);
        Files.writeString(knownHosts(), knownHostsLine() + "\n");
    }

    private SshServer start(int port) throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        sshd.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("authorized_keys")));
        sshd.setCommandFactory((channel, command) -> {
            if (command.endsWith(HANG)) {
                return new AbstractCommandSupport(command, null) {
                    @Override
                    public void run() {
                        // Never exits and never writes: the client's own deadline must end the wait.
                    }
                };
            }
            // MINA runs the command line it is given through its own shell, so the wrapper goes into that line.
            String line = wrap.isEmpty() ? command
                    : String.join(" ", wrap.stream().map(Command::quote).toList()) + " /bin/sh -c " + Command.quote(command);
            return new ProcessShellFactory(line, "/bin/sh", "-c", line).createShell(channel);
        });
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connections.incrementAndGet();
                openConnections.incrementAndGet();
            }

            @Override
            public void sessionClosed(Session session) {
                openConnections.decrementAndGet();
            }
        });
        sshd.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                mostChannelsAtOnce.accumulateAndGet(openChannels.incrementAndGet(), Math::max);
            }

            @Override
            public void channelClosed(Channel channel, Throwable reason) {
                openChannels.decrementAndGet();
            }
        });
        sshd.start();
        return sshd;
    }

    /**
     * Stops the server, dropping every connection, and starts a new one on the same port with the same host
     * key: a host that rebooted.
     */
    public void restart() throws IOException {
        int port = port();
        sshd.stop(true);
        sshd = start(port);
    }

    /** SSH connections open now, as the server sees them. */
    public int openConnections() {
        return openConnections.get();
    }

    /** The most channels (one per command) that were open at once over all connections. */
    public int mostChannelsAtOnce() {
        return mostChannelsAtOnce.get();
    }

    /**
     * Stops the server and starts it again on the same port with a new host key: a reinstalled host, or a
     * machine in the middle.
     */
    public void restartWithNewHostKey() throws IOException {
        int port = port();
        sshd.stop(true);
        java.nio.file.Files.delete(dir.resolve("hostkey.ser"));
        sshd = start(port);
    }

    /** The client's private key file. */
    public Path clientKey() {
        return clientKey.privateKey();
    }

    public int port() {
        return sshd.getPort();
    }

    /** The authorized_keys file; tests replace its content to make authentication fail. */
    public Path authorizedKeys() {
        return dir.resolve("authorized_keys");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public String knownHostsLine() throws IOException, GeneralSecurityException {
        KeyPair kp = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(kp.getPublic());
    }

    /** SSH connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public HostConfig host(String name) {
        return host(name, knownHosts());
    }

    public HostConfig host(String name, Path knownHostsFile) {
        return new HostConfig(name, false, "127.0.0.1", port(), System.getProperty("user.name"),
                Optional.of(clientKey.privateKey()), Optional.of(knownHostsFile), false, Set.of(), Expectations.NONE, Map.of());
    }

    public List<String> keyTypes() {
        return List.of(clientKey.authorizedKeysLine().split(" ")[0]);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
