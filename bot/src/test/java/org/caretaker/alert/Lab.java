package org.caretaker.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.check.Sweep;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.job.JobPlan;
import org.caretaker.job.RunOutcome;
import org.caretaker.job.Trigger;
import org.caretaker.store.Database;
import org.caretaker.store.JdbcHistoryStore;
import org.caretaker.store.RunStatus;
import org.caretaker.store.StoreException;
import org.caretaker.store.Transition;

/**
 * A real H2 file, a real history store and a hand-moved clock: runs go through the store exactly as
 * {@code RunService} stores them, so outcomes carry real run ids and transitions.
 */
public final class Lab implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-12-01T06:30:00Z");

    public final TestClock clock = new TestClock(T0);
    public final Database db;
    public final JdbcHistoryStore store;

    /** An embedded H2 file under {@code dir}, as the bot uses by default. */
    public Lab(Path dir) throws StoreException {
        this(Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400))));
    }

    public Lab(Database db) {
        this.db = db;
        store = new JdbcHistoryStore(db);
    }

    /** Stores one run of {@code job} at the clock's time and returns its outcome. */
    public RunOutcome run(String job, Finding... findings) throws StoreException {
        Instant at = clock.instant();
        long id = store.startRun(job, "schedule", job, at);
        List<Transition> t = store.finishRun(id, at, List.of(findings), RunStatus.FINISHED, findings.length + " findings");
        return new RunOutcome(id, new JobPlan(job, List.of("all"), h -> true, Optional.empty()), Trigger.schedule(job), false,
                new Sweep(at, at, List.of(findings)), t, Optional.empty());
    }

    public RunOutcome run(Finding... findings) throws StoreException {
        return run("daily-sanity", findings);
    }

    public static Finding disk(String host, String mount, Severity s, int percent) {
        String message = mount + " is " + percent + "% full" + switch (s) {
            case CRIT -> " (critical at 95%)";
            case WARN -> " (warning at 85%)";
            default -> "";
        };
        return new Finding("disk-usage", host, mount, s, message, Map.of("used_percent", (double) percent), "runbook/disks#disk-full");
    }

    public static Finding finding(String check, String host, String subject, Severity s, String message) {
        return new Finding(check, host, subject, s, message, Map.of(), "runbook/" + check);
    }

    @Override
    public void close() {
        db.close();
    }
}
