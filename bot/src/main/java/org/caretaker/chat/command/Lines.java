package org.caretaker.chat.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import org.caretaker.alert.Fingerprint;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;

/** How the commands word findings and times, so that /status and /check read alike. */
final class Lines {
    static final int MAX_LINES = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    /** Worst first, then by host, check and subject. */
    static final Comparator<Finding> WORST_FIRST = Comparator.comparing((Finding f) -> -f.severity().rank())
            .thenComparing(Finding::host).thenComparing(Finding::check).thenComparing(Finding::subject);

    private Lines() {
    }

    /** {@code nas zfs-pools tank: pool tank is DEGRADED}; the subject is left out when it is the host itself. */
    static String describe(Finding f) {
        if (NotChecked.is(f)) {
            return f.check() + ": " + f.message();
        }
        return f.host() + " " + f.check() + (f.subject().equals("-") ? "" : " " + f.subject()) + ": " + f.message();
    }

    /** A problem line with the id {@code /ack} takes. */
    static Report.Line problem(Finding f, String extra) {
        return Report.Line.of(f.severity(), describe(f) + extra + " — /ack " + Fingerprint.shortId(f), f.runbook());
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /** "2 CRIT, 1 WARN, 40 OK", worst first, only the severities present. */
    static String counts(Iterable<Finding> findings) {
        int[] n = new int[Severity.values().length];
        for (Finding f : findings) {
            n[f.severity().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder();
        Severity[] byRank = Severity.values().clone();
        java.util.Arrays.sort(byRank, Comparator.comparingInt(Severity::rank).reversed());
        for (Severity s : byRank) {
            if (n[s.ordinal()] > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(n[s.ordinal()]).append(' ').append(s.name());
            }
        }
        return sb.toString();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
