package org.caretaker.check.snapraid;

import static org.caretaker.check.snapraid.SnapraidRunbook.SMART_ERROR_LOG;
import static org.caretaker.check.snapraid.Verdict.plural;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;

/**
 * Judges a {@link SmartTable}: one finding per disk, OK unless the drive counts errors (WARN; the {@code smart}
 * check reads the attributes behind them). SnapRAID's failure estimate is kept as a metric and named in the
 * message but not judged: it is a statistic over a disk's age and counters that reads high on healthy old
 * drives. A platform where SnapRAID cannot read SMART is UNKNOWN.
 */
public final class SmartTableEvaluation {

    private SmartTableEvaluation() {
    }

    public static void evaluate(SmartTable s, Findings f) {
        Verdict array = new Verdict();
        if (!ProblemsEvaluation.judge("smart", s.problems(), s.disks().isEmpty() && !s.unsupported(), array, f)) {
            return;
        }
        if (s.unsupported()) {
            f.unknown(ProblemsEvaluation.ARRAY, "snapraid smart cannot read SMART on this host: "
                    + String.join(" ", s.messages())).runbook(SMART_ERROR_LOG);
            return;
        }
        for (SmartTable.Row r : s.disks()) {
            Verdict v = new Verdict();
            List<String> facts = new ArrayList<>();
            r.temperature().ifPresent(t -> {
                facts.add(t + " °C");
                v.metric("temperature_c", t);
            });
            r.powerOnDays().ifPresent(d -> {
                facts.add(plural(d, "day") + " powered on");
                v.metric("power_on_days", d);
            });
            r.failPercent().ifPresent(p -> {
                facts.add(p + "% estimated chance of failing within a year");
                v.metric("fail_percent", p);
            });
            String who = r.subject() + (r.subject().equals(r.device()) ? "" : " " + r.device())
                    + (r.serial().equals("-") ? "" : " (serial " + r.serial() + ")");
            long errors = r.errorCount().orElse(0);
            r.errorCount().ifPresent(n -> v.metric("error_count", n));
            if (errors > 0) {
                v.add(Severity.WARN, who + ": " + plural(errors, "error") + " in the drive's error log; "
                        + String.join(", ", facts), SMART_ERROR_LOG);
            } else {
                v.add(Severity.OK, who + (facts.isEmpty() ? "" : ": " + String.join(", ", facts)), SMART_ERROR_LOG);
            }
            v.emit(f, r.subject());
        }
        s.anyFailPercent().ifPresent(p -> array.add(Severity.OK,
                "SnapRAID estimates a " + p + "% chance that at least one disk fails within a year", SMART_ERROR_LOG)
                .metric("any_fail_percent", p));
        array.emit(f, ProblemsEvaluation.ARRAY);
    }
}
