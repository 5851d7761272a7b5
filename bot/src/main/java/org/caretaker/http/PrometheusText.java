package org.caretaker.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.store.RunRecord;
import org.caretaker.store.StoreException;
import org.caretaker.store.StoredState;

/**
 * Renders Caretaker's state in the Prometheus text exposition format (version 0.0.4), so the lab's own
 * Prometheus can scrape the caretaker and Grafana can chart it.
 */
final class PrometheusText {
    private PrometheusText() {
    }

    static String render(MetricsSource source) throws StoreException {
        StringBuilder sb = new StringBuilder();
        List<StoredState> states = source.states();

        header(sb, "caretaker_check_status", "Latest state of each (host, check, subject): 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN, 4 UNREACHABLE.");
        for (StoredState s : states) {
            Finding f = s.finding();
            sb.append("caretaker_check_status{host=\"").append(label(f.host())).append("\",check=\"").append(label(f.check()))
                    .append("\",subject=\"").append(label(f.subject())).append("\"} ").append(code(f.severity())).append('\n');
        }
        header(sb, "caretaker_findings", "Number of (host, check, subject) in each severity.");
        Map<Severity, Integer> counts = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        states.forEach(s -> counts.merge(s.finding().severity(), 1, Integer::sum));
        counts.forEach((s, n) -> sb.append("caretaker_findings{severity=\"").append(s.name()).append("\"} ").append(n).append('\n'));

        header(sb, "caretaker_run_duration_seconds", "Duration of the most recent finished run of each job.");
        StringBuilder lastSuccess = new StringBuilder();
        StringBuilder lastRunAt = new StringBuilder();
        StringBuilder lastRunWorst = new StringBuilder();
        StringBuilder lastRunFindings = new StringBuilder();
        for (String job : source.jobs()) {
            Optional<RunRecord> last = source.lastRun(job);
            if (last.isPresent() && last.get().finishedAt().isPresent()) {
                double secs = Duration.between(last.get().startedAt(), last.get().finishedAt().get()).toMillis() / 1000.0;
                sb.append("caretaker_run_duration_seconds{job=\"").append(label(job)).append("\"} ").append(secs).append('\n');
            }
            last.ifPresent(r -> lastRunAt.append("caretaker_last_run_timestamp_seconds{job=\"").append(label(job)).append("\"} ")
                    .append(r.startedAt().getEpochSecond()).append('\n'));
            last.flatMap(RunRecord::verdict).ifPresent(v -> lastRunWorst.append("caretaker_last_run_worst{job=\"").append(label(job))
                    .append("\",status=\"").append(last.get().status().name().toLowerCase(java.util.Locale.ROOT)).append("\"} ")
                    .append(v.exitCode()).append('\n'));
            last.ifPresent(r -> lastRunFindings.append("caretaker_last_run_findings{job=\"").append(label(job)).append("\"} ")
                    .append(r.findings()).append('\n'));
            source.lastSuccess(job).flatMap(RunRecord::finishedAt).ifPresent(t -> lastSuccess
                    .append("caretaker_last_success_timestamp_seconds{job=\"").append(label(job)).append("\"} ")
                    .append(t.getEpochSecond()).append('\n'));
        }
        header(sb, "caretaker_last_run_timestamp_seconds", "When the most recent run of each job started (Unix time).");
        sb.append(lastRunAt);
        header(sb, "caretaker_last_run_worst", "How the most recent run of each job ended, as an exit code: 0 OK, 1 WARN, 2 CRIT,"
                + " 3 UNKNOWN (also a run that checked nothing, failed or was interrupted).");
        sb.append(lastRunWorst);
        header(sb, "caretaker_last_run_findings", "How many findings the most recent run of each job had.");
        sb.append(lastRunFindings);
        header(sb, "caretaker_last_success_timestamp_seconds", "When each job last finished a run (Unix time).");
        sb.append(lastSuccess);
        header(sb, "caretaker_outbox_depth", "Chat messages waiting to be delivered.");
        sb.append("caretaker_outbox_depth ").append(source.outboxDepth()).append('\n');
        header(sb, "caretaker_outbox_failed_total", "Chat messages a platform refused for good; they are not sent again.", "counter");
        sb.append("caretaker_outbox_failed_total ").append(source.outboxFailed()).append('\n');
        header(sb, "caretaker_scheduler_up", "1 while the scheduler runs.");
        sb.append("caretaker_scheduler_up ").append(source.schedulerRunning() ? 1 : 0).append('\n');
        header(sb, "caretaker_leader", "1 while this instance talks to the chat platforms; 0 on a follower of a cluster.");
        sb.append("caretaker_leader ").append(source.leader() ? 1 : 0).append('\n');
        return sb.toString();
    }

    private static void header(StringBuilder sb, String name, String help) {
        header(sb, name, help, "gauge");
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Nagios-style codes, with UNREACHABLE apart so a dashboard can tell a dead host from a full disk. */
    static int code(Severity s) {
        switch (s) {
            case OK:
                return 0;
            case WARN:
                return 1;
            case CRIT:
                return 2;
            case UNKNOWN:
                return 3;
            default:
                return 4;
        }
    }

    /** Label values are escaped as the format requires: backslash, double quote and newline. */
    static String label(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\\\");
                    break;
                case '"':
                    sb.append("\\\"");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
