package org.caretaker.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the findings of one check on one host. Evaluations use it so that they need not repeat the
 * check id and host name on every line:
 *
 * <pre>{@code
 * f.add(Severity.WARN, "/srv", "/srv is 88% full (warn at 85%)")
 *  .metric("used_percent", 88)
 *  .runbook("runbook/disks#disk-full");
 * }</pre>
 */
public final class Findings {
    private final String check;
    private final String host;
    private final List<Draft> drafts = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    public Findings(String check, String host) {
        this.check = check;
        this.host = host;
    }

    public String check() {
        return check;
    }

    public String host() {
        return host;
    }

    public Draft add(Severity severity, String subject, String message) {
        Draft d = new Draft(severity, subject, message);
        drafts.add(d);
        return d;
    }

    public Draft ok(String subject, String message) {
        return add(Severity.OK, subject, message);
    }

    public Draft warn(String subject, String message) {
        return add(Severity.WARN, subject, message);
    }

    public Draft crit(String subject, String message) {
        return add(Severity.CRIT, subject, message);
    }

    public Draft unknown(String subject, String message) {
        return add(Severity.UNKNOWN, subject, message);
    }

    public boolean isEmpty() {
        return drafts.isEmpty();
    }

    /**
     * Records a line of output the parser did not understand and left out. Every finding then says so, because
     * a verdict reached without that line may be missing something.
     */
    public void skip(String line) {
        skipped.add(line);
    }

    /** The lines left out so far. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public List<Finding> list() {
        String note = skipNote();
        List<Finding> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            out.add(new Finding(check, host, d.subject, d.severity, d.message + note, d.metrics, d.runbook));
        }
        return List.copyOf(out);
    }

    private String skipNote() {
        if (skipped.isEmpty()) {
            return "";
        }
        int n = skipped.size();
        return " (left out " + n + (n == 1 ? " line" : " lines") + " not understood, first: "
                + Excerpt.of(skipped.get(0), 80) + ")";
    }

    /** A finding being written; {@link #list()} freezes it. */
    public static final class Draft {
        private final Severity severity;
        private final String subject;
        private final String message;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private String runbook = "";

        private Draft(Severity severity, String subject, String message) {
            this.severity = severity;
            this.subject = subject;
            this.message = message;
        }

        public Draft metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        public Draft runbook(String anchor) {
            this.runbook = anchor;
            return this;
        }
    }
}
