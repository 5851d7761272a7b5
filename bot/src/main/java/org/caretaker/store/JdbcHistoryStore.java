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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
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
    static final String GONE = "no longer reported";
    private static final String RUN_COLUMNS = "SELECT id, job, trigger_kind, triggered_by, started_at, finished_at, worst, status, summary, instance";

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
        String sql = "INSERT INTO runs (job, trigger_kind, triggered_by, started_at, status, instance) VALUES (?, ?, ?, ?, 'running', ?)";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, job);
            p.setString(2, triggerKind);
            p.setString(3, clip(triggeredBy, 200));
            p.setObject(4, ts(at));
            p.setString(5, instance.orElse(null));
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
    public List<Transition> finishRun(long runId, Instant at, List<Finding> findings, String status, String summary) throws StoreException {
        db.finishing().lock();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (db.dialect() == Database.Dialect.POSTGRESQL) {
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_xact_lock(" + FINISH_LOCK + ")");
                    }
                }
                List<Transition> transitions = finish(c, runId, at, findings, status, summary);
                c.commit();
                return transitions;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store run " + runId + ": " + e.getMessage(), e);
        } finally {
            db.finishing().unlock();
        }
    }

    private List<Transition> finish(Connection c, long runId, Instant at, List<Finding> findings, String status, String summary) throws SQLException {
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        try (PreparedStatement p = c.prepareStatement("UPDATE runs SET finished_at = ?, worst = ?, status = ?, summary = ? WHERE id = ?")) {
            p.setObject(1, ts(at));
            p.setString(2, findings.isEmpty() ? null : worst.name());
            p.setString(3, status);
            p.setString(4, clip(summary, 2000));
            p.setLong(5, runId);
            p.executeUpdate();
        }
        try (PreparedStatement f = c.prepareStatement("INSERT INTO findings (run_id, at, host, check_id, subject, severity, message, metrics, runbook) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement m = c.prepareStatement("INSERT INTO metric_points (host, check_id, subject, metric, at, metric_value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Finding x : findings) {
                f.setLong(1, runId);
                f.setObject(2, ts(at));
                f.setString(3, x.host());
                f.setString(4, x.check());
                f.setString(5, clip(x.subject(), 512));
                f.setString(6, x.severity().name());
                f.setString(7, clip(x.message(), 4000));
                f.setString(8, metrics(x.metrics()));
                f.setString(9, x.runbook());
                f.addBatch();
                for (Map.Entry<String, Double> e : x.metrics().entrySet()) {
                    if (e.getValue() == null || e.getValue().isNaN() || e.getValue().isInfinite()) {
                        continue;
                    }
                    m.setString(1, x.host());
                    m.setString(2, x.check());
                    m.setString(3, clip(x.subject(), 512));
                    m.setString(4, clip(e.getKey(), 64));
                    m.setObject(5, ts(at));
                    m.setDouble(6, e.getValue());
                    m.addBatch();
                }
            }
            f.executeBatch();
            m.executeBatch();
        }

        // Which (host, check) pairs really ran: at least one finding that is not a check-level UNKNOWN/UNREACHABLE.
        Set<String> ran = new HashSet<>();
        Set<String> touched = new HashSet<>();
        for (Finding x : findings) {
            String hc = x.host() + "\u0000" + x.check();
            touched.add(hc);
            boolean checkLevelFailure = x.subject().equals("-") && (x.severity() == Severity.UNKNOWN || x.severity() == Severity.UNREACHABLE);
            if (!checkLevelFailure) {
                ran.add(hc);
            }
        }
        Map<String, StoredState> previous = new HashMap<>();
        for (StoredState s : latest(c)) {
            String hc = s.finding().host() + "\u0000" + s.finding().check();
            if (touched.contains(hc)) {
                previous.put(s.finding().key(), s);
            }
        }

        // One state per (host, check, subject): when a check reports a subject twice (two containers that
        // share a name), the worse finding is the state.
        Map<String, Finding> states = new LinkedHashMap<>();
        for (Finding x : findings) {
            Finding stored = new Finding(x.check(), x.host(), clip(x.subject(), 512), x.severity(), clip(x.message(), 4000), x.metrics(), x.runbook());
            states.merge(stored.key(), stored, (a, b) -> b.severity().isWorseThan(a.severity()) ? b : a);
        }
        List<Transition> transitions = new ArrayList<>();
        Set<String> reported = new HashSet<>(states.keySet());
        for (Finding stored : states.values()) {
            Finding x = stored;
            StoredState before = previous.get(stored.key());
            Instant since = at;
            if (before != null && before.finding().severity() == x.severity()) {
                since = before.since();
            } else {
                transitions.add(new Transition(runId, at, x.host(), x.check(), stored.subject(),
                        before == null ? null : before.finding().severity(), x.severity(), stored.message()));
            }
            upsertLatest(c, stored, since, at, runId, before != null);
        }
        for (StoredState s : previous.values()) {
            Finding old = s.finding();
            String hc = old.host() + "\u0000" + old.check();
            if (reported.contains(old.key()) || !ran.contains(hc)) {
                continue;
            }
            if (old.severity() != Severity.OK) {
                transitions.add(new Transition(runId, at, old.host(), old.check(), old.subject(), old.severity(), Severity.OK, GONE));
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM latest_state WHERE host = ? AND check_id = ? AND subject = ?")) {
                d.setString(1, old.host());
                d.setString(2, old.check());
                d.setString(3, old.subject());
                d.executeUpdate();
            }
        }
        try (PreparedStatement t = c.prepareStatement("INSERT INTO transitions (run_id, at, host, check_id, subject, from_severity, to_severity, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Transition x : transitions) {
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
        for (String hc : ran) {
            String[] parts = hc.split("\u0000", 2);
            try (PreparedStatement u = c.prepareStatement("UPDATE check_runs SET last_run_at = ? WHERE host = ? AND check_id = ?")) {
                u.setObject(1, ts(at));
                u.setString(2, parts[0]);
                u.setString(3, parts[1]);
                if (u.executeUpdate() == 0) {
                    try (PreparedStatement i = c.prepareStatement("INSERT INTO check_runs (host, check_id, last_run_at) VALUES (?, ?, ?)")) {
                        i.setString(1, parts[0]);
                        i.setString(2, parts[1]);
                        i.setObject(3, ts(at));
                        i.executeUpdate();
                    }
                }
            }
        }
        return transitions;
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
             PreparedStatement p = c.prepareStatement("UPDATE runs SET finished_at = ?, status = 'abandoned', summary = ? WHERE id = ? AND status = 'running'")) {
            p.setObject(1, ts(at));
            p.setString(2, clip(reason, 2000));
            p.setLong(3, runId);
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
        String sql = RUN_COLUMNS + " FROM runs WHERE status = 'running'"
                + (instance.isPresent() ? " AND (instance = ? OR instance IS NULL)" : "") + " ORDER BY started_at, id";
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (instance.isPresent()) {
                p.setString(1, instance.get());
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

    private static List<RunRecord> runRecords(PreparedStatement p) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String worst = rs.getString(7);
                out.add(new RunRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(worst).map(Severity::valueOf), rs.getString(8), rs.getString(9) == null ? "" : rs.getString(9),
                        Optional.ofNullable(rs.getString(10))));
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
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int removed;
                // Findings go with their runs (ON DELETE CASCADE); the rest is pruned by time.
                try (PreparedStatement p = c.prepareStatement("DELETE FROM findings WHERE run_id IN (SELECT id FROM runs WHERE started_at < ? AND status <> 'running')")) {
                    p.setObject(1, ts(before));
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM runs WHERE started_at < ? AND status <> 'running'")) {
                    p.setObject(1, ts(before));
                    removed = p.executeUpdate();
                }
                for (String table : List.of("transitions", "metric_points")) {
                    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE at < ?")) {
                        p.setObject(1, ts(before));
                        p.executeUpdate();
                    }
                }
                c.commit();
                return removed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
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
