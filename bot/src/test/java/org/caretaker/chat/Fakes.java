package org.caretaker.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.caretaker.alert.Acknowledger;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.job.Checks;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.job.Trigger;

/** Our own ports, recording what they were asked to do: nothing may reach them that the router refused. */
public final class Fakes {
    private Fakes() {
    }

    /** Knows the checks disk-usage and zfs-pools on the hosts nas and pve. */
    public static final class RecordingChecks implements Checks {
        public final List<String> calls = new ArrayList<>();
        static final Set<String> CHECKS = new TreeSet<>(Set.of("disk-usage", "zfs-pools"));
        static final Set<String> HOSTS = new TreeSet<>(Set.of("nas", "pve"));

        @Override
        public List<Finding> runNow(String check, Optional<String> host, Trigger trigger) {
            calls.add(check + " " + host.orElse("*") + " " + trigger.kind() + ":" + trigger.by());
            if (!check.equals("all") && !CHECKS.contains(check)) {
                throw new IllegalArgumentException("Unknown check '" + check + "'; known: all, " + String.join(", ", CHECKS) + ".");
            }
            if (host.isPresent() && !HOSTS.contains(host.get())) {
                throw new IllegalArgumentException("Unknown host '" + host.get() + "'; known: " + String.join(", ", HOSTS) + ".");
            }
            List<Finding> out = new ArrayList<>();
            for (String h : host.map(List::of).orElse(List.copyOf(HOSTS))) {
                out.add(new Finding("disk-usage", h, "/", Severity.OK, "/ is 41% full", Map.of("used_pct", 41.0), "runbook/disks#full"));
                out.add(new Finding("disk-usage", h, "/srv", h.equals("nas") ? Severity.CRIT : Severity.WARN, "/srv is 97% full",
                        Map.of("used_pct", 97.0), "runbook/disks#full"));
            }
            return out;
        }
    }

    /** Two jobs: daily-sanity (reads) and weekly-snapraid (changes hosts). */
    public static final class RecordingJobs implements Jobs {
        public final List<String> started = new ArrayList<>();
        public int listed;

        @Override
        public List<JobInfo> list() {
            listed++;
            return List.of(
                    new JobInfo("daily-sanity", "Every morning's round", "0 30 6 * * ?", "Europe/Berlin",
                            List.of(Instant.parse("2026-12-04T05:30:00Z"), Instant.parse("2026-12-05T05:30:00Z")), Optional.empty(), false),
                    new JobInfo("weekly-snapraid", "SnapRAID sync and scrub", "0 0 3 ? * SUN", "UTC", List.of(), Optional.empty(), true));
        }

        @Override
        public String start(String jobId, Trigger trigger) {
            if (list().stream().noneMatch(j -> j.id().equals(jobId))) {
                throw new IllegalArgumentException("Unknown job '" + jobId + "'; known: daily-sanity, weekly-snapraid.");
            }
            started.add(jobId + " " + trigger.kind() + ":" + trigger.by());
            return jobId + " started";
        }
    }

    public static final class RecordingAcknowledger implements Acknowledger {
        public final List<String> acks = new ArrayList<>();

        @Override
        public String ack(String shortId, String by, Optional<Duration> ttl) {
            if (!shortId.equals("1a2b3c4d")) {
                throw new IllegalArgumentException("No open finding has the id " + shortId + ".");
            }
            acks.add(shortId + " " + by + " " + ttl.map(Duration::toString).orElse("default"));
            return "acked nas/disk-usage//srv " + ttl.map(d -> "for " + d.toHours() + "h").orElse("until it changes");
        }
    }
}
