package org.caretaker.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caretaker.config.HostConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPoolTest {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

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
    }

    private String echo(HostConfig host, String text) throws Exception {
        try (SshExecutor ssh = pool.open(host)) {
            return ssh.run(Command.of("echo", text)).stdout();
        }
    }

    @Test
    void commandsOneAfterAnother_shareOneConnection() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 4);

        assertThat(echo(server.host("h"), "first")).isEqualTo("first\n");
        assertThat(echo(server.host("h"), "second")).isEqualTo("second\n");
        assertThat(echo(server.host("h"), "third")).isEqualTo("third\n");

        assertThat(server.connections()).isEqualTo(1);
        assertThat(pool.openConnections()).isEqualTo(1);
        assertThat(pool.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void closingAnExecutor_leavesTheConnectionOpenForTheNext() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 4);

        try (SshExecutor ssh = pool.open(server.host("h"))) {
            assertThat(ssh.connect()).as("the first connect makes a handshake").isFalse();
        }

        assertThat(server.openConnections()).isEqualTo(1);
        try (SshExecutor ssh = pool.open(server.host("h"))) {
            assertThat(ssh.connect()).as("the next finds the kept connection").isTrue();
        }
        assertThat(echo(server.host("h"), "still warm")).isEqualTo("still warm\n");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aKeptConnection_runsSshKeepAlives() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 4);

        echo(server.host("h"), "warm");

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t instanceof net.schmizz.keepalive.KeepAlive && t.isAlive())
                .isNotEmpty();
    }

    @Test
    void idleConnection_isClosedAfterTheKeepAlive_andReopenedOnNextUse() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(Duration.ofMillis(300), CONNECT, 1 << 20, 4);

        assertThat(echo(server.host("h"), "before")).isEqualTo("before\n");
        await("the idle connection is closed").atMost(WAIT).until(() -> pool.openConnections() == 0 && server.openConnections() == 0);

        assertThat(echo(server.host("h"), "after")).isEqualTo("after\n");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void serverRestarted_nextCommandReconnectsAndSucceeds() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 4);
        assertThat(echo(server.host("h"), "before")).isEqualTo("before\n");

        server.restart();

        assertThat(echo(server.host("h"), "after the reboot")).isEqualTo("after the reboot\n");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void peerThatVanishedWithoutClosing_isRetriedOnAFreshConnection_notReportedUnreachable() throws Exception {
        server = new TestSshServer(dir);
        try (StallingProxy proxy = new StallingProxy(server.port())) {
            Path known = dir.resolve("known_hosts_proxy");
            Files.writeString(known, server.knownHostsLine().replace(":" + server.port() + " ", ":" + proxy.port() + " ") + "\n");
            HostConfig h = server.host("h", known);
            HostConfig viaProxy = new HostConfig(h.name(), false, h.address(), proxy.port(), h.user(), h.key(), h.knownHosts(),
                    false, h.tags(), h.expect(), h.thresholds());
            pool = new SshPool(KEEP, Duration.ofSeconds(1), 1 << 20, 4);
            assertThat(echo(viaProxy, "before")).isEqualTo("before\n");

            proxy.stallOpenConnections();

            try (SshExecutor ssh = pool.open(viaProxy)) {
                ssh.connect();      // what the runner's reachability step sees: the kept connection looks alive
                assertThat(ssh.run(Command.of("echo", "after")).stdout()).isEqualTo("after\n");
            }
            assertThat(server.connections()).isEqualTo(2);
            assertThat(pool.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void concurrentUsers_shareTheConnection_withinThePerHostChannelLimit() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 3);
        ExecutorService users = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int u = 0; u < 4; u++) {
                int user = u;
                results.add(users.submit(() -> {
                    List<String> out = new ArrayList<>();
                    try (SshExecutor ssh = pool.open(server.host("h"))) {
                        for (int i = 0; i < 4; i++) {
                            out.add(ssh.run(Command.script("work", "sleep 0.1; echo " + user + "-" + i)).stdout());
                        }
                    }
                    return out;
                }));
            }
            for (int u = 0; u < 4; u++) {
                assertThat(results.get(u).get()).containsExactly(u + "-0\n", u + "-1\n", u + "-2\n", u + "-3\n");
            }
        } finally {
            users.shutdownNow();
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.mostChannelsAtOnce()).isBetween(1, 3);
    }

    @Test
    void closingThePool_closesEveryConnection_andRefusesNewUse() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 4);
        echo(server.host("nas"), "one");
        echo(server.host("nas-again"), "two");
        assertThat(server.openConnections()).isEqualTo(2);

        pool.close();

        await("the server sees every connection closed").atMost(WAIT).until(() -> server.openConnections() == 0);
        assertThat(pool.openConnections()).isZero();
        assertThatThrownBy(() -> pool.open(server.host("nas")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the SSH pool is closed");
    }

    @Test
    void zeroKeepAlive_opensAndClosesAConnectionForEveryUse() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(Duration.ZERO, CONNECT, 1 << 20, 4);

        assertThat(echo(server.host("h"), "one")).isEqualTo("one\n");
        assertThat(echo(server.host("h"), "two")).isEqualTo("two\n");

        assertThat(server.connections()).isEqualTo(2);
        assertThat(pool.openConnections()).isZero();
        await("the server sees both connections closed").atMost(WAIT).until(() -> server.openConnections() == 0);
    }

    @Test
    void unknownHostKey_isRefused_andTheFailureIsRememberedPerUseNotByThePool() throws Exception {
        server = new TestSshServer(dir);
        pool = new SshPool(KEEP, CONNECT, 1 << 20, 4);
        Path known = dir.resolve("known_hosts_empty");
        Files.writeString(known, "");
        HostConfig h = server.host("h", known);

        try (SshExecutor ssh = pool.open(h)) {
            assertThatThrownBy(() -> ssh.run(Command.of("true")))
                    .isInstanceOf(ExecException.class)
                    .satisfies(e -> assertThat(((ExecException) e).kind()).isEqualTo(ExecException.Kind.HOST_KEY))
                    .hasMessageContaining("is not in " + known + "; refused");
            int attempts = server.connections();
            assertThatThrownBy(() -> ssh.run(Command.of("true"))).isInstanceOf(ExecException.class);
            assertThat(server.connections()).isEqualTo(attempts);
        }
        assertThat(pool.openConnections()).isZero();

        Files.writeString(known, server.knownHostsLine() + "\n");
        assertThat(echo(h, "verified")).isEqualTo("verified\n");
    }
}
