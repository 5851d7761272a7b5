package org.caretaker.check;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.config.HostConfig;

/**
 * "Nothing was checked" as an answer of its own. A run whose check matched no host would otherwise end with no
 * finding about that check, and no finding reads as all OK; instead it gets one UNKNOWN finding about the check
 * that says why and what to add. UNKNOWN rather than a new severity: it already means "we do not know how this
 * stands", and every output (console, chats, site, {@code /metrics}, the Nagios exit code 3) renders it the same.
 *
 * <p>These findings are about no host: their host is {@link #NO_HOST}, which no configured host can be named,
 * and they never enter the latest state of any host.
 */
public final class NotChecked {
    /** The host of a finding about no host. Host names begin with a letter or digit, so no host is called this. */
    public static final String NO_HOST = "-";
    public static final String RUNBOOK = "runbook/caretaker#not-checked";

    private NotChecked() {
    }

    /** Whether the finding says that nothing was checked, rather than something about a host. */
    public static boolean is(Finding f) {
        return f.host().equals(NO_HOST);
    }

    /** One UNKNOWN finding for each check that applies to none of the hosts; none when every check ran somewhere. */
    public static List<Finding> of(List<HostConfig> hosts, List<Check> checks) {
        List<Finding> out = new ArrayList<>();
        for (Check c : checks) {
            if (hosts.stream().noneMatch(c::runsOn)) {
                out.add(finding(c.id(), hosts.size() == 1 ? "not checked: " + doesNotApply(c, hosts.get(0))
                        : "not checked: no host " + (hosts.isEmpty() ? "" : "of this run ") + "is one of the " + c.appliesWhen()
                        + "; add that to a host in the configuration, or leave " + c.id() + " out"));
            }
        }
        return out;
    }

    /** The sentence for a host named on purpose that a check does not apply to. */
    public static String doesNotApply(Check c, HostConfig h) {
        if (h.skips(c.id()) && c.appliesTo(h)) {
            return c.id() + " is turned off on " + h.name() + " (checks.skip)";
        }
        return c.id() + " does not apply to " + h.name() + ": it runs on " + c.appliesWhen();
    }

    /** An UNKNOWN finding about no host, for a check (or a validation layer) that could not look at anything. */
    public static Finding finding(String check, String message) {
        return new Finding(check, NO_HOST, "-", Severity.UNKNOWN, message, null, RUNBOOK);
    }
}
