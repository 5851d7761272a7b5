package org.caretaker.check;

/**
 * How bad a finding is. {@link #exitCode()} follows the Nagios plugin convention so that cron and
 * Nagios can use the command line directly; {@link #rank()} orders severities when several findings are
 * folded into one state: an unreachable host outranks everything, and a result nobody could read
 * (UNKNOWN) outranks a warning, because it may be hiding a critical state.
 */
public enum Severity {
    OK(0, 0),
    WARN(1, 1),
    UNKNOWN(3, 2),
    CRIT(2, 3),
    /** The host could not be reached at all: connection refused, timed out, auth failed, host key refused. */
    UNREACHABLE(2, 4);

    private final int exitCode;
    private final int rank;

    Severity(int exitCode, int rank) {
        this.exitCode = exitCode;
        this.rank = rank;
    }

    public int exitCode() {
        return exitCode;
    }

    public int rank() {
        return rank;
    }

    public boolean isWorseThan(Severity other) {
        return rank > other.rank;
    }

    public static Severity worst(Iterable<Severity> severities) {
        Severity worst = OK;
        for (Severity s : severities) {
            if (s.isWorseThan(worst)) {
                worst = s;
            }
        }
        return worst;
    }
}
