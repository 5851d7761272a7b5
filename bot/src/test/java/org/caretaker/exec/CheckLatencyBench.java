package org.caretaker.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.caretaker.Caretaker;
import org.caretaker.chat.ChatUser;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.command.CheckCommand;
import org.caretaker.check.Severity;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.Pinger;
import org.caretaker.job.RunService;
import org.caretaker.report.Report;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;

/**
 * The latency of an on-demand {@code /check <check> <host>} as the bot answers it: the chat command, the run
 * service, the runner, the SSH executor and the history store, all real, against a real host from the
 * configuration. Two services built the same way except for the SSH connections: "cold" connects for every
 * command (keep-alive 0), "warm" borrows a kept connection. Rounds alternate between the two so both see
 * the same machine; a few rounds of each warm the JIT first and are not counted.
 *
 * <p>{@code java -cp ... org.caretaker.exec.CheckLatencyBench CONFIG HOST CHECK ROUNDS DATA_DIR}
 */
public final class CheckLatencyBench {
    private static final int WARM_UP = 5;

    private CheckLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: CheckLatencyBench CONFIG HOST CHECK ROUNDS DATA_DIR");
            System.exit(2);
        }
        Caretaker caretaker = Caretaker.load(Path.of(args[0]));
        String host = args[1];
        String check = args[2];
        int rounds = Integer.parseInt(args[3]);
        Path data = Files.createDirectories(Path.of(args[4]));
        var r = caretaker.config().runner();
        try (SshPool none = new SshPool(Duration.ZERO, r.connectTimeout(), r.outputCap(), r.perHost());
             SshPool kept = new SshPool(r.keepAlive().isZero() ? Duration.ofMinutes(10) : r.keepAlive(),
                     r.connectTimeout(), r.outputCap(), r.perHost());
             Side cold = new Side("cold", caretaker.withWarmConnections(none), data.resolve("cold"));
             Side warm = new Side("warm", caretaker.withWarmConnections(kept), data.resolve("warm"))) {
            CommandRequest request = new CommandRequest(new ChatUser("console", "local", "bench"), Set.of(), "console:local",
                    "check", List.of(check, host));
            for (int i = 0; i < WARM_UP; i++) {
                cold.once(request, false);
                warm.once(request, false);
            }
            for (int i = 0; i < rounds; i++) {
                cold.once(request, true);
                warm.once(request, true);
            }
            System.out.printf("/check %s %s, %d rounds each after %d warm-up rounds, %d cores, load %s%n", check, host, rounds,
                    WARM_UP, Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("%-5s %8s %8s %8s %8s %8s %8s%n", "mode", "min_ms", "median_ms", "p90_ms", "max_ms", "failed", "conns");
            cold.print(0);
            warm.print(kept.connectionsOpened());
        }
    }

    private static final class Side implements AutoCloseable {
        private final String name;
        private final Database db;
        private final CheckCommand command;
        private final List<Double> millis = new ArrayList<>();
        private int failed;

        Side(String name, Caretaker caretaker, Path dir) throws Exception {
            this.name = name;
            this.db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
            JdbcHistoryStore history = new JdbcHistoryStore(db);
            RunService runs = new RunService(caretaker.config(), caretaker.catalogue(), caretaker.runner(history.memory()), history,
                    new Pinger(java.util.Map.of()), caretaker.clock());
            this.command = new CheckCommand(runs);
        }

        void once(CommandRequest request, boolean counted) throws Exception {
            long start = System.nanoTime();
            Report report = command.handle(request);
            double ms = (System.nanoTime() - start) / 1e6;
            if (!counted) {
                return;
            }
            millis.add(ms);
            if (report.severity() == Severity.UNREACHABLE || report.severity() == Severity.UNKNOWN) {
                failed++;
                if (failed == 1) {
                    System.err.println(name + ": " + report.title());
                }
            }
        }

        void print(int connections) {
            List<Double> s = new ArrayList<>(millis);
            s.sort(null);
            System.out.printf("%-5s %8.1f %8.1f %8.1f %8.1f %8d %8s%n", name, s.get(0), s.get((s.size() - 1) / 2),
                    s.get((int) Math.ceil(s.size() * 0.9) - 1), s.get(s.size() - 1), failed,
                    connections == 0 ? "1/cmd" : String.valueOf(connections));
        }

        @Override
        public void close() {
            db.close();
        }
    }
}
