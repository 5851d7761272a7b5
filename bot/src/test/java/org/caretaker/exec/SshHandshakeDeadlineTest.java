package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.caretaker.config.HostConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect timeout bounds the whole SSH handshake (connect, banner, key exchange, login) against peers that
 * keep a connection busy without ever finishing one, and nothing else waits on a handshake in progress.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshHandshakeDeadlineTest {
    private static final Duration CONNECT = Duration.ofSeconds(2);
    /** Generous: the handshake must end near {@link #CONNECT}, far before sshj's 30 s or a run's deadline. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private HostilePeer peer;
    private TestSshServer server;
    private SshPool pool;

    @AfterEach
    void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private void assertGivesUpAtTheConnectTimeout(HostConfig host) {
        long start = System.nanoTime();
        try (SshExecutor ssh = new SshExecutor(host, CONNECT, 1 << 20, 4)) {
            assertThatThrownBy(ssh::connect)
                    .isInstanceOf(ExecException.class)
                    .satisfies(e -> assertThat(((ExecException) e).kind()).isEqualTo(ExecException.Kind.CONNECT))
                    .hasMessage("SSH handshake with " + host.target()
                            + " did not finish within 2 s (connect, banner, key exchange and login)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @Test
    void aTarpitThatNeverSendsABanner_failsAtTheConnectTimeout() throws Exception {
        peer = HostilePeer.tarpit();

        assertGivesUpAtTheConnectTimeout(peer.host("tarpit", dir));
    }

    @Test
    void aPeerThatSendsABannerAndFallsSilent_failsAtTheConnectTimeoutNotSshjsThirtySeconds() throws Exception {
        peer = HostilePeer.bannerThenSilent();

        assertGivesUpAtTheConnectTimeout(peer.host("silent", dir));
    }

    @Test
    void whileOneHostHangsInItsHandshake_idleConnectionsToOtherHostsAreStillClosed() throws Exception {
        peer = HostilePeer.tarpit();
        server = new TestSshServer(dir);
        pool = new SshPool(Duration.ofMillis(200), Duration.ofSeconds(20), 1 << 20, 4);
        HostConfig good = server.host("good");
        try (SshExecutor ssh = pool.open(good)) {
            assertThat(ssh.run(Command.of("echo", "warm")).stdout()).isEqualTo("warm\n");
        }
        HostConfig stuck = peer.host("tarpit", dir);
        CompletableFuture<Boolean> hanging = CompletableFuture.supplyAsync(() -> {
            try (SshExecutor ssh = pool.open(stuck)) {
                return ssh.connect();
            } catch (ExecException e) {
                return false;
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.connections() == 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> pool.openConnections() == 0);
        assertThat(hanging).isNotDone();
    }

    @Test
    void closingThePool_endsAHandshakeInProgressAtOnce() throws Exception {
        peer = HostilePeer.tarpit();
        pool = new SshPool(Duration.ofMinutes(10), Duration.ofSeconds(60), 1 << 20, 4);
        HostConfig stuck = peer.host("tarpit", dir);
        CompletableFuture<ExecException> hanging = CompletableFuture.supplyAsync(() -> {
            try (SshExecutor ssh = pool.open(stuck)) {
                ssh.connect();
                return null;
            } catch (ExecException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.connections() == 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);

        await().atMost(Duration.ofSeconds(2)).until(closing::isDone);
        await().atMost(Duration.ofSeconds(2)).until(hanging::isDone);
        assertThat(hanging.get()).hasMessage("the connection to tarpit was closed while connecting");
    }
}
