package org.caretaker.exec;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Fetches a host's key for trust on first use: connects, takes the key the server offers in the handshake, and
 * hangs up before logging in. Nothing is trusted here; the caller shows the fingerprint and writes the
 * {@link #knownHostsLine} only after a person said yes.
 */
public final class HostKeyScan {

    /** The key a host offered. */
    public record ScannedKey(String type, String base64, String fingerprint) {
        /** The known_hosts line for this key at that address, as {@code ssh-keyscan} writes it. */
        public String knownHostsLine(String address, int port) {
            String host = port == 22 ? address : "[" + address + "]:" + port;
            return host + " " + type + " " + base64;
        }
    }

    private HostKeyScan() {
    }

    public static ScannedKey fetch(String address, int port, Duration timeout) throws ExecException {
        SecurityUtils.isBouncyCastleRegistered();
        AtomicReference<PublicKey> offered = new AtomicReference<>();
        SSHClient ssh = new SSHClient(new DefaultConfig());
        ssh.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int p, PublicKey key) {
                offered.set(key);
                return false;
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int p) {
                return List.of();
            }
        });
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        ssh.setConnectTimeout(ms);
        ssh.setTimeout(ms);
        try {
            ssh.connect(address, port);
        } catch (IOException e) {
            if (offered.get() == null) {
                throw new ExecException(ExecException.Kind.CONNECT, "cannot fetch the host key of " + address + ":" + port + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
            }
        } finally {
            SshConnection.quietly(ssh);
        }
        PublicKey key = offered.get();
        if (key == null) {
            throw new ExecException(ExecException.Kind.HOST_KEY, address + ":" + port + " offered no host key");
        }
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return new ScannedKey(KeyType.fromKey(key).toString(), Base64.getEncoder().encodeToString(blob),
                SshExecutor.StrictKnownHosts.sha256(key));
    }
}
