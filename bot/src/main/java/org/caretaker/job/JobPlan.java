package org.caretaker.job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.caretaker.config.HostConfig;

/**
 * What one run does: which checks, on which hosts, within which deadline.
 *
 * @param job      the job id (a schedule id, or {@code check} for on-demand checks)
 * @param checks   check ids, or {@code all}
 * @param hosts    which configured hosts take part
 * @param deadline the run's own deadline, when it differs from the runner's default
 * @param which    the hosts for people ({@code tag snapraid}), said when no host matched
 */
public record JobPlan(String job, List<String> checks, Predicate<HostConfig> hosts, Optional<Duration> deadline, String which) {
    public JobPlan {
        checks = List.copyOf(checks);
        which = which == null || which.isBlank() ? "the hosts asked for" : which;
    }

    public JobPlan(String job, List<String> checks, Predicate<HostConfig> hosts, Optional<Duration> deadline) {
        this(job, checks, hosts, deadline, "");
    }
}
