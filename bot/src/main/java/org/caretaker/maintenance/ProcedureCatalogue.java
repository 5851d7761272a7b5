package org.caretaker.maintenance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.config.ScrubPolicy;
import org.caretaker.config.WeeklyPolicy;
import org.caretaker.store.HistoryStore;

/**
 * Every procedure by id, built once in the composition root. Schedules name them with {@code procedure:};
 * {@code /snapraid} starts them from chat.
 */
public final class ProcedureCatalogue {
    /** The procedures a schedule may name with {@code procedure:}; the others are started from chat only. */
    public static final List<String> SCHEDULABLE = List.of(SnapraidWeekly.ID, MonthlyScrub.ID);

    /** The procedures that only read; every other one, known or not, changes hosts. */
    private static final Set<String> READ_ONLY = Set.of(SnapraidRead.DIFF, SnapraidRead.SMART);

    private final Map<String, Procedure> byId = new LinkedHashMap<>();

    public ProcedureCatalogue(List<Procedure> procedures) {
        for (Procedure p : procedures) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalArgumentException("two procedures with the id " + p.id());
            }
        }
    }

    /** The standard set: weekly sync, monthly scrub and the pieces chat can start alone. */
    public static ProcedureCatalogue standard(WeeklyPolicy weekly, ScrubPolicy scrub, SyncBlocks blocks, HistoryStore history) {
        return new ProcedureCatalogue(List.of(
                new SnapraidWeekly(weekly, blocks),
                new MonthlyScrub(scrub, Optional.of(new SmartReview(history)), Pause.SLEEP),
                MonthlyScrub.snapraidOnly(scrub),
                new SnapraidFix(weekly.config()),
                SnapraidRead.diff(weekly, blocks),
                SnapraidRead.smart(weekly)));
    }

    /**
     * Whether a job that runs this procedure changes hosts, known from its id alone so that a schedule can be
     * judged before the procedures are built; {@link Procedure#changesHosts()} says the same of each one.
     */
    public static boolean changesHosts(String procedureId) {
        return !READ_ONLY.contains(procedureId);
    }

    public Optional<Procedure> procedure(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every procedure, in the order given. */
    public List<Procedure> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
