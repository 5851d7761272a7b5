package org.caretaker.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.snapraid.DiffParser;
import org.caretaker.check.snapraid.SmartTableEvaluation;
import org.caretaker.check.snapraid.SmartTableParser;
import org.caretaker.config.HostConfig;
import org.caretaker.config.WeeklyPolicy;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.caretaker.store.StoreException;

/**
 * The read-only looks chat asks for: {@code snapraid-diff} (what the next weekly sync would meet, judged by the
 * same limits, and whether the host is blocked) and {@code snapraid-smart} (SnapRAID's SMART table). They change
 * nothing on the host.
 */
public final class SnapraidRead implements Procedure {
    static final String DIFF = "snapraid-diff";
    static final String SMART = "snapraid-smart";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final String id;
    private final WeeklyPolicy policy;
    private final SyncBlocks blocks;

    private SnapraidRead(String id, WeeklyPolicy policy, SyncBlocks blocks) {
        this.id = id;
        this.policy = policy;
        this.blocks = blocks;
    }

    public static SnapraidRead diff(WeeklyPolicy policy, SyncBlocks blocks) {
        return new SnapraidRead(DIFF, policy, blocks);
    }

    public static SnapraidRead smart(WeeklyPolicy policy) {
        return new SnapraidRead(SMART, policy, null);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean changesHosts() {
        return false;
    }

    @Override
    public List<String> tags() {
        return List.of("snapraid");
    }

    @Override
    public List<Finding> run(HostConfig host, Executor exec, ProcedureContext ctx) throws InterruptedException {
        Findings f = new Findings(id, host.name());
        boolean diff = id.equals("snapraid-diff");
        List<String> argv = new ArrayList<>(List.of("snapraid", "-c", policy.config()));
        argv.addAll(diff ? List.of("diff", "-l", ">&2") : List.of("smart"));
        try {
            CommandOutput out = exec.run(new Command(argv, ctx.left(TIMEOUT), id, false).asRoot());
            if (diff) {
                DiffGuard.Assessment a = DiffGuard.assess(DiffParser.parse(out.combined()), policy);
                Optional<SyncBlock> block = blocks.find(host.name());
                String where = a.topGroups().isEmpty() ? "" : "; most in " + String.join("; ", a.topGroups());
                String blocked = block.map(b -> "; sync blocked since " + b.blockedAt() + ", code " + b.code()).orElse("");
                f.add(a.tripped() || block.isPresent() ? Severity.WARN : Severity.OK, "array",
                                (a.tripped() ? "over the limits: " + String.join(", ", a.trips()) + " (" + a.counts() + ")" : a.counts())
                                        + where + blocked)
                        .metric("added", a.added()).metric("removed", a.removed()).metric("updated", a.updated())
                        .metric("moved", a.moved());
            } else {
                SmartTableEvaluation.evaluate(SmartTableParser.parse(out.combined()), f);
            }
        } catch (ExecException e) {
            f.add(e.kind().hostLevel() ? Severity.UNREACHABLE : Severity.UNKNOWN, "array", e.getMessage());
        } catch (UnparseableOutputException e) {
            f.unknown("array", e.getMessage() + ": " + Excerpt.of(e.text()));
        } catch (StoreException e) {
            f.unknown("array", e.getMessage());
        }
        return f.list();
    }
}
