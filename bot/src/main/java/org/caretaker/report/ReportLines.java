package org.caretaker.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.alert.Fingerprint;
import org.caretaker.check.CheckRunner;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;

/** How one problem reads in a report, the same in change reports, digests and reminders. */
final class ReportLines {
    private ReportLines() {
    }

    /** {@code nas disk-usage /srv}; the subject is left out when it is the host itself ({@code -}). */
    static String where(String host, String check, String subject) {
        if (host.equals(NotChecked.NO_HOST)) {
            return check;
        }
        return host + " " + check + (subject.equals("-") ? "" : " " + subject);
    }

    /** {@code nas disk-usage /srv: /srv is 96% full · /ack 1a2b3c4d}: what, and how to say "I know". */
    static String problem(String host, String check, String subject, String message, String shortId) {
        return where(host, check, subject) + ": " + message + " · /ack " + shortId;
    }

    static Report.Line problem(Finding f) {
        return Report.Line.of(f.severity(), problem(f.host(), f.check(), f.subject(), f.message(), Fingerprint.shortId(f)), f.runbook());
    }

    /** "1 new problem", "2 new problems". */
    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** One finding per (host, check, subject), the worst when a check reported a subject twice. */
    static Map<String, Finding> byKey(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            out.merge(f.key(), f, (a, b) -> b.severity().isWorseThan(a.severity()) ? b : a);
        }
        return out;
    }

    /** "all 9 checks OK on 3 hosts": checks counted by id, the reachability probe not among them. */
    static String allOk(List<Finding> findings) {
        long checks = findings.stream().map(Finding::check).filter(c -> !c.equals(CheckRunner.REACHABILITY)).distinct().count();
        long hosts = findings.stream().map(Finding::host).filter(h -> !h.equals(NotChecked.NO_HOST)).distinct().count();
        return "all " + count((int) checks, "check", "checks") + " OK on " + count((int) hosts, "host", "hosts");
    }

    /** "snapraid-status: not checked: …" for each check or job of the run that could look at nothing. */
    static List<Report.Line> notChecked(List<Finding> findings) {
        return findings.stream().filter(NotChecked::is)
                .map(f -> Report.Line.of(f.severity(), where(f.host(), f.check(), f.subject()) + ": " + f.message(), f.runbook())).toList();
    }

    /** The problems among the findings about hosts; what was not checked is told apart ({@link #notChecked}). */
    static List<Finding> open(Map<String, Finding> findings) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings.values()) {
            if (f.severity() != Severity.OK && !NotChecked.is(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
