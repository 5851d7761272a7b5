package org.caretaker.site.snapshot;

/**
 * A finding's severity as the site shows it. The order is the bot's: an unreachable host outranks
 * everything, and UNKNOWN outranks WARN because an unreadable result may hide a critical state.
 */
public enum Level {
    OK(0), WARN(1), UNKNOWN(2), CRIT(3), UNREACHABLE(4);

    private final int rank;

    Level(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** Lower case, for CSS classes: {@code sev-crit}. */
    public String css() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Level worse(Level other) {
        return other.rank > rank ? other : this;
    }
}
