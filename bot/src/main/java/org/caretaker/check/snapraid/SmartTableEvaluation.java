package org.caretaker.check.snapraid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Findings;
import org.caretaker.check.Numbers;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.Verdict;
import static org.caretaker.check.snapraid.SnapraidRunbook.SMART_ERROR_LOG;
import static org.caretaker.check.snapraid.Words.plural;

/**
 * Judges a {@link SmartTable}: one finding per disk. A drive that counts errors is WARN (the {@code smart} check
 * reads the attributes behind them). SnapRAID's estimate that a disk fails within a year is WARN from
 * {@value #FAIL_WARN} and CRIT from {@value #FAIL_CRIT} (defaults 50 and 90, overridable like every threshold of
 * the {@code snapraid} check): the estimate stays at a few percent until one of the SMART counters that predict
 * failure is non-zero, so a high one is the drive saying something. The array line is as bad as its worst disk.
 * A platform where SnapRAID cannot read SMART is UNKNOWN.
 */
public final class SmartTableEvaluation {

    public static final String FAIL_WARN = "smart-fail-percent-warn";
    public static final String FAIL_CRIT = "smart-fail-percent-crit";
    static final String FAIL_ESTIMATE = "runbook/snapraid#failure-estimate";
    public static final Map<String, Double> DEFAULTS = Map.of(FAIL_WARN, 50.0, FAIL_CRIT, 90.0);

    private SmartTableEvaluation() {
    }

    /** Judged with the default thresholds. */
    public static void evaluate(SmartTable s, Findings f) {
        evaluate(s, new Thresholds(SnapraidCheck.ID, DEFAULTS), f);
    }

    public static void evaluate(SmartTable s, Thresholds t, Findings f) {
        double warnAt = t.get(FAIL_WARN);
        double critAt = t.get(FAIL_CRIT);
        Severity worst = Severity.OK;
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
            r.temperature().ifPresent(temp -> {
                facts.add(temp + " °C");
                v.metric("temperature_c", temp);
            });
            r.powerOnDays().ifPresent(d -> {
                facts.add(plural(d, "day") + " powered on");
                v.metric("power_on_days", d);
            });
            r.failPercent().ifPresent(p -> v.metric("fail_percent", p));
            if (r.failPercent().isPresent() && r.failPercent().getAsInt() < warnAt) {
                facts.add("SnapRAID's one-year risk estimate " + r.failPercent().getAsInt() + "%");
            }
            String who = r.subject() + (r.subject().equals(r.device()) ? "" : " " + r.device())
                    + (r.serial().equals("-") ? "" : " (serial " + r.serial() + ")");
            long errors = r.errorCount().orElse(0);
            r.errorCount().ifPresent(n -> v.metric("error_count", n));
            if (r.failPercent().isPresent() && r.failPercent().getAsInt() >= warnAt) {
                int p = r.failPercent().getAsInt();
                boolean crit = p >= critAt;
                v.add(crit ? Severity.CRIT : Severity.WARN, who + ": SnapRAID estimates a " + p
                        + "% chance that this disk fails within a year (" + (crit ? "crit at " + Numbers.format(critAt)
                        : "warn at " + Numbers.format(warnAt)) + "%)" + (facts.isEmpty() ? "" : "; " + String.join(", ", facts)),
                        FAIL_ESTIMATE);
                worst = crit ? Severity.CRIT : worst == Severity.CRIT ? worst : Severity.WARN;
            }
            if (errors > 0) {
                v.add(Severity.WARN, who + ": " + plural(errors, "error") + " in the drive's error log"
                        + (facts.isEmpty() ? "" : "; " + String.join(", ", facts)), SMART_ERROR_LOG);
                worst = worst == Severity.CRIT ? worst : Severity.WARN;
            } else if (v.isEmpty()) {
                v.add(Severity.OK, who + (facts.isEmpty() ? "" : ": " + String.join(", ", facts)), SMART_ERROR_LOG);
            }
            v.emit(f, r.subject());
        }
        // The chance that any of N disks fails grows with N even when every disk is healthy, so the array line
        // follows its worst disk instead of a threshold of its own.
        Severity arrayLevel = worst;
        s.anyFailPercent().ifPresent(p -> array.add(arrayLevel, arrayLevel == Severity.OK
                ? "SnapRAID's one-year risk estimate for the whole array: " + p + "% (no disk above "
                        + Numbers.format(warnAt) + "%)"
                : "SnapRAID estimates a " + p + "% chance that at least one disk fails within a year", FAIL_ESTIMATE)
                .metric("any_fail_percent", p));
        array.emit(f, ProblemsEvaluation.ARRAY);
    }
}
