package org.caretaker.check;

import java.util.List;
import java.util.Map;

/**
 * A parser and its evaluation applied to text someone saved: {@code caretaker inspect zpool-status file}.
 * Users paste what a host printed; tests use the same path. Judged with the owning check's default
 * thresholds, as host {@code -}.
 *
 * @param id         parser id, e.g. {@code zpool-status}
 * @param summary    what text it expects, e.g. "output of `zpool status -v`"
 * @param check      id of the check that owns it
 * @param defaults   the owning check's default thresholds
 * @param evaluation text → findings
 */
public record Inspector(String id, String summary, String check, Map<String, Double> defaults, Evaluation evaluation) {

    public static final String NO_HOST = "-";

    /** Parses and judges one text. */
    @FunctionalInterface
    public interface Evaluation {
        void evaluate(String text, Thresholds thresholds, Findings findings) throws UnparseableOutputException;
    }

    public Inspector {
        defaults = Map.copyOf(defaults);
    }

    /**
     * Never throws: unreadable text gives one UNKNOWN finding with an excerpt. The text is first freed of what
     * terminals and clipboards add ({@link PastedText}).
     */
    public List<Finding> inspect(String pasted) {
        String text = PastedText.clean(pasted);
        Findings f = new Findings(check, NO_HOST);
        try {
            evaluation.evaluate(text, new Thresholds(check, defaults), f);
            if (f.isEmpty()) {
                if (!f.skipped().isEmpty()) {
                    return unknown("no line could be judged", Excerpt.of(text));
                }
                f.ok("-", "nothing to report");
            }
            return f.list();
        } catch (UnparseableOutputException e) {
            return unknown(e.getMessage(), e.excerpt());
        } catch (RuntimeException e) {
            return unknown("parser " + id + " failed (" + e.getClass().getSimpleName() + ")", Excerpt.of(text));
        }
    }

    private List<Finding> unknown(String reason, String excerpt) {
        Findings f = new Findings(check, NO_HOST);
        f.unknown("-", reason + ": " + excerpt).runbook(Runbook.UNKNOWN_OUTPUT);
        return f.list();
    }
}
