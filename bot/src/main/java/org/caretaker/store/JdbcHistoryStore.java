package org.caretaker.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.caretaker.check.CheckMemory;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;

/**
 * {@link HistoryStore} on plain JDBC, for H2 and PostgreSQL alike. Built with an instance id when several
 * bot instances share the database: the runs it starts carry that id, and {@link #ownRunning()} is about them.
 */
public final class JdbcHistoryStore implements HistoryStore {
    /**
     * The PostgreSQL advisory lock key ("RUNS" in ASCII) held by each run's finishing transaction. Finishing reads
     * the latest state, judges what changed and writes it back; two runs that finish at once and touch the same
     * check (two jobs on one instance, or on two instances of a cluster) would both see "new" and both insert,
     * and one run would fail to store. Finishing takes milliseconds, so taking turns costs nothing.
     */
    private static final long FINISH_LOCK = 0x52554E53L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() {
    };
    private static final String RUN_COLUMNS = "SELECT id, job, trigger_kind, triggered_by, started_at, finished_at, worst, status, summary, instance,"
            + " COALESCE(finding_count, (SELECT COUNT(*) FROM findings f WHERE f.run_id = runs.id))";

    private final Database db;
    private final Optional<String> instance;

    /** The store of a bot alone: runs name no instance. */
    public JdbcHistoryStore(Database db) {
        this(db, Optional.empty());
    }

    /** @param instance the id of the bot instance writing here, when several share the database */
    public JdbcHistoryStore(Database db, Optional<String> instance) {
        this.db = db;
        this.instance = instance;
    }

    @Override
    public long startRun(String job, String triggerKind, String triggeredBy, Instant at) throws StoreException {
        String sql = "INSERT INTO runs (job, trigger_kind, triggered_by, started_at, status, instance) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, job);
            p.setString(2, triggerKind);
            p.setString(3, clip(triggeredBy, 200));
            p.setObject(4, ts(at));
            p.setString(5, RunStatus.RUNNING.stored());
            p.setString(6, instance.orElse(null));
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the start of run " + job + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Transition> finishRun(long runId, Instant at, List<Finding> findings, RunStatus status, String summary) throws StoreException {
        return finishRun(runId, at, findings, status, summary, Optional.empty());
    }

    @Override
    public List<Transition> finishRun(long runId, Instant at, List<Finding> findings, RunStatus status, String summary,
                                      Optional<Outcome> outcome) throws StoreException {
        db.finishing().lock();
        try {
            return Transactions.inTransaction(db.dataSource(), c -> {
                if (db.dialect() == Database.Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_xact_lock(" + FINISH_LOCK + ")");
                    }
                }
                return finish(c, runId, at, findings, status, summary, outcome);
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store run " + runId + ": " + e.getMessage(), e);
        } finally {
            db.finishing().unlock();
        }
    }

    private List<Transition> finish(Connection c, long runId, Instant at, List<Finding> findings, RunStatus status, String summary,
                                   Optional<Outcome> outcome) throws SQLException {
        List<Finding> stored = findings.stream()
                .map(x -> new Finding(x.check(), x.host(), clip(x.subject(), 512), x.severity(), clip(x.message(), 4000), x.metrics(), x.runbook()))
                .toList();
        Severity worst = outcome.map(Outcome::worst).orElse(Severity.worst(stored.stream().map(Finding::severity).toList()));
        int count = outcome.map(Outcome::findings).orElse(stored.size());
        try (PreparedStatement p = c.prepareStatement("UPDATE runs SET finished_at = ?, worst = ?, status = ?, summary = ?, finding_count = ? WHERE id = ?")) {
            p.setObject(1, ts(at));
            p.setString(2, stored.isEmpty() && outcome.isEmpty() ? null : worst.name());
            p.setString(3, status.stored());
            p.setString(4, clip(summary, 2000));
            p.setInt(5, count);
            p.setLong(6, runId);
            p.executeUpdate();
        }
        try (PreparedStatement f = c.prepareStatement("INSERT INTO findings (run_id, at, host, check_id, subject, severity, message, metrics, runbook) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement m = c.prepareStatement("INSERT INTO metric_points (host, check_id, subject, metric, at, metric_value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Finding x : stored) {
                f.setLong(1, runId);
                f.setObject(2, ts(at));
                f.setString(3, x.host());
                f.setString(4, x.check());
                f.setString(5, x.subject());
                f.setString(6, x.severity().name());
                f.setString(7, x.message());
                f.setString(8, metrics(x.metrics()));
                f.setString(9, x.runbook());
                f.addBatch();
                for (Map.Entry<String, Double> e : x.metrics().entrySet()) {
                    if (e.getValue() == null || e.getValue().isNaN() || e.getValue().isInfinite()) {
                        continue;
                    }
                    m.setString(1, x.host());
                    m.setString(2, x.check());
                    m.setString(3, x.subject());
                    m.setString(4, clip(e.getKey(), 64));
                    m.setObject(5, ts(at));
                    m.setDouble(6, e.getValue());
                    m.addBatch();
                }
            }
            f.executeBatch();
            m.executeBatch();
        }

        StateChanges changes = StateChanges.judge(latest(c), stored, runId, at);
        for (StateChanges.NewState s : changes.states()) {
            upsertLatest(c, s.finding(), s.since(), at, runId, s.existed());
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM latest_state WHERE host = ? AND check_id = ? AND subject = ?")) {
            for (StateChanges.SubjectKey k : changes.gone()) {
                d.setString(1, k.host());
                d.setString(2, k.check());
                d.setString(3, k.subject());
                d.executeUpdate();
            }
        }
        try (PreparedStatement t = c.prepareStatement("INSERT INTO transitions (run_id, at, host, check_id, subject, from_severity, to_severity, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Transition x : changes.transitions()) {
                t.setLong(1, runId);
                t.setObject(2, ts(at));
                t.setString(3, x.host());
                t.setString(4, x.check());
                t.setString(5, x.subject());
                t.setString(6, x.from() == null ? null : x.from().name());
                t.setString(7, x.to().name());
                t.setString(8, x.message());
                t.addBatch();
            }
            t.executeBatch();
        }
        for (StateChanges.CheckKey hc : changes.ran()) {
            try (PreparedStatement u = c.prepareStatement("UPDATE check_runs SET last_run_at = ? WHERE host = ? AND check_id = ?")) {
                u.setObject(1, ts(at));
                u.setString(2, hc.host());
                u.setString(3, hc.check());
                if (u.executeUpdate() == 0) {
                    try (PreparedStatement i = c.prepareStatement("INSERT INTO check_runs (host, check_id, last_run_at) VALUES (?, ?, ?)")) {
                        i.setString(1, hc.host());
                        i.setString(2, hc.check());
                        i.setObject(3, ts(at));
                        i.executeUpdate();
                    }
                }
            }
        }
        return changes.transitions();
    }

    private void upsertLatest(Connection c, Finding f, Instant since, Instant at, long runId, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE latest_state SET severity = ?, message = ?, metrics = ?, runbook = ?, since = ?, updated_at = ?, run_id = ? WHERE host = ? AND check_id = ? AND subject = ?"
                : "INSERT INTO latest_state (severity, message, metrics, runbook, since, updated_at, run_id, host, check_id, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, f.severity().name());
            p.setString(2, f.message());
            p.setString(3, metrics(f.metrics()));
            p.setString(4, f.runbook());
            p.setObject(5, ts(since));
            p.setObject(6, ts(at));
            p.setLong(7, runId);
            p.setString(8, f.host());
            p.setString(9, f.check());
            p.setString(10, f.subject());
            p.executeUpdate();
        }
    }

    @Override
    public boolean abandonRun(long runId, Instant at, String reason) throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ? AND status = ?")) {
            p.setObject(1, ts(at));
            p.setString(2, RunStatus.INTERRUPTED.stored());
            p.setString(3, clip(reason, 2000));
            p.setLong(4, runId);
            p.setString(5, RunStatus.RUNNING.stored());
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot mark run " + runId + " abandoned: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredState> latest() throws StoreException {
        try (Connection c = db.connection()) {
            return latest(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the latest state: " + e.getMessage(), e);
        }
    }

    private List<StoredState> latest(Connection c) throws SQLException {
        List<StoredState> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT host, check_id, subject, severity, message, metrics, runbook, since, updated_at, run_id FROM latest_state ORDER BY host, check_id, subject")) {
            while (rs.next()) {
                Finding f = new Finding(rs.getString(2), rs.getString(1), rs.getString(3), Severity.valueOf(rs.getString(4)),
                        rs.getString(5), metrics(rs.getString(6)), rs.getString(7));
                out.add(new StoredState(f, instant(rs, 8), instant(rs, 9), rs.getLong(10)));
            }
        }
        return out;
    }

    @Override
    public List<Transition> transitions(Instant since, int limit) throws StoreException {
        String sql = "SELECT run_id, at, host, check_id, subject, from_severity, to_severity, message FROM transitions WHERE at >= ? ORDER BY at, id";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, ts(since));
            p.setMaxRows(limit);
            List<Transition> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(6);
                    out.add(new Transition(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                            from == null ? null : Severity.valueOf(from), Severity.valueOf(rs.getString(7)), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read transitions: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RunRecord> runs(Optional<String> job, int limit) throws StoreException {
        String sql = RUN_COLUMNS + " FROM runs"
                + (job.isPresent() ? " WHERE job = ?" : "") + " ORDER BY started_at DESC, id DESC";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (job.isPresent()) {
                p.setString(1, job.get());
            }
            p.setMaxRows(limit);
            return runRecords(p);
        } catch (SQLException e) {
            throw new StoreException("cannot read runs: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RunRecord> ownRunning() throws StoreException {
        String sql = RUN_COLUMNS + " FROM runs WHERE status = ?"
                + (instance.isPresent() ? " AND (instance = ? OR instance IS NULL)" : "") + " ORDER BY started_at, id";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, RunStatus.RUNNING.stored());
            if (instance.isPresent()) {
                p.setString(2, instance.get());
            }
            return runRecords(p);
        } catch (SQLException e) {
            throw new StoreException("cannot read the running runs: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RunRecord> othersRunning(String job) throws StoreException {
        if (instance.isEmpty()) {
            return List.of();
        }
        String sql = RUN_COLUMNS + " FROM runs WHERE job = ? AND status = 'running' AND (instance <> ? OR instance IS NULL) ORDER BY started_at, id";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, job);
            p.setString(2, instance.get());
            return runRecords(p);
        } catch (SQLException e) {
            throw new StoreException("cannot read the running runs of " + job + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<RunRecord> run(long id) throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement(RUN_COLUMNS + " FROM runs WHERE id = ?")) {
            p.setLong(1, id);
            return runRecords(p).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("cannot read run " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<RunRecord> lastFinished(String job) throws StoreException {
        String sql = RUN_COLUMNS + " FROM runs WHERE job = ? AND status = ? ORDER BY started_at DESC, id DESC";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, job);
            p.setString(2, RunStatus.FINISHED.stored());
            p.setMaxRows(1);
            return runRecords(p).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("cannot read the last finished run of " + job + ": " + e.getMessage(), e);
        }
    }

    private static List<RunRecord> runRecords(PreparedStatement p) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String worst = rs.getString(7);
                out.add(new RunRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(worst).map(Severity::valueOf), RunStatus.ofStored(rs.getString(8)), rs.getString(9) == null ? "" : rs.getString(9),
                        Optional.ofNullable(rs.getString(10)), rs.getInt(11)));
            }
        }
        return out;
    }

    @Override
    public List<Finding> findingsOf(long runId) throws StoreException {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT check_id, host, subject, severity, message, metrics, runbook FROM findings WHERE run_id = ? ORDER BY id")) {
            p.setLong(1, runId);
            List<Finding> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Finding(rs.getString(1), rs.getString(2), rs.getString(3), Severity.valueOf(rs.getString(4)),
                            rs.getString(5), metrics(rs.getString(6)), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the findings of run " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<MetricPoint> window(String host, String check, String subject, String metric, Instant from, Instant to) throws StoreException {
        String sql = "SELECT at, metric_value FROM metric_points WHERE host = ? AND check_id = ? AND subject = ? AND metric = ? AND at >= ? AND at <= ? ORDER BY at";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, host);
            p.setString(2, check);
            p.setString(3, subject);
            p.setString(4, metric);
            p.setObject(5, ts(from));
            p.setObject(6, ts(to));
            List<MetricPoint> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricPoint(instant(rs, 1), rs.getDouble(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read metric " + metric + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int prune(Instant before) throws StoreException {
        try {
            return Transactions.inTransaction(db.dataSource(), c -> {
                int removed;
                // Findings go with their runs (ON DELETE CASCADE); the rest is pruned by time.
                try (PreparedStatement p = c.prepareStatement("DELETE FROM findings WHERE run_id IN (SELECT id FROM runs WHERE started_at < ? AND status <> ?)")) {
                    p.setObject(1, ts(before));
                    p.setString(2, RunStatus.RUNNING.stored());
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM runs WHERE started_at < ? AND status <> ?")) {
                    p.setObject(1, ts(before));
                    p.setString(2, RunStatus.RUNNING.stored());
                    removed = p.executeUpdate();
                }
                for (String table : List.of("transitions", "metric_points")) {
                    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE at < ?")) {
                        p.setObject(1, ts(before));
                        p.executeUpdate();
                    }
                }
                return removed;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot prune history: " + e.getMessage(), e);
        }
    }

    @Override
    public CheckMemory memory() {
        return new CheckMemory() {
            @Override
            public Optional<Instant> lastRun(String host, String check) {
                try (Connection c = db.connection();
                     PreparedStatement p = c.prepareStatement("SELECT last_run_at FROM check_runs WHERE host = ? AND check_id = ?")) {
                    p.setString(1, host);
                    p.setString(2, check);
                    try (ResultSet rs = p.executeQuery()) {
                        return rs.next() ? Optional.of(instant(rs, 1)) : Optional.empty();
                    }
                } catch (SQLException e) {
                    // Without memory a check behaves as on its first run; the run itself must go on.
                    return Optional.empty();
                }
            }

            @Override
            public OptionalDouble lastMetric(String host, String check, String subject, String metric) {
                try (Connection c = db.connection();
                     PreparedStatement p = c.prepareStatement("SELECT metrics FROM latest_state WHERE host = ? AND check_id = ? AND subject = ?")) {
                    p.setString(1, host);
                    p.setString(2, check);
                    p.setString(3, subject);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            return OptionalDouble.empty();
                        }
                        Double v = metrics(rs.getString(1)).get(metric);
                        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
                    }
                } catch (SQLException e) {
                    return OptionalDouble.empty();
                }
            }
        };
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        return rs.getObject(col, OffsetDateTime.class).toInstant();
    }

    static String metrics(Map<String, Double> m) {
        Map<String, Double> finite = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null && !v.isNaN() && !v.isInfinite()) {
                finite.put(k, v);
            }
        });
        try {
            return JSON.writeValueAsString(finite);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Double> metrics(String json) {
        try {
            return json == null || json.isEmpty() ? Map.of() : JSON.readValue(json, METRICS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
