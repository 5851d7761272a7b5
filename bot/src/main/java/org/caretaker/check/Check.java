package org.caretaker.check;

import java.util.List;
import java.util.Map;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.ExecException;

/**
 * One kind of check: runs command(s) on a host, hands the text to a pure parser, and judges the record the
 * parser made. Each check lives in its own package with its parser, its record and its tests on real
 * output; {@link Catalogue} lists them.
 *
 * <p>{@link #run} may throw {@link ExecException} (the engine turns host-level failures into one
 * UNREACHABLE finding for the host) and {@link UnparseableOutputException} (an UNKNOWN finding quoting an
 * excerpt). Anything else it throws is a bug, which the engine also reports as UNKNOWN rather than dying.
 */
public interface Check {

    /** Kebab-case id used in config, schedules, chat and findings: {@code zfs-pools}. */
    String id();

    /** One line for {@code --help}, {@code /help} and the site. */
    String summary();

    /** Whether this check runs on that host (by tags or expectations). */
    boolean appliesTo(HostConfig host);

    /**
     * Whether this check runs on that host: it applies there and the host's {@code checks.skip} does not turn it
     * off. What the engine, jobs and commands ask; {@link #appliesTo} is the check's own rule.
     */
    default boolean runsOn(HostConfig host) {
        return !host.skips(id()) && appliesTo(host);
    }

    /**
     * Which hosts {@link #appliesTo} takes, for people: {@code hosts tagged snapraid}. A run that checks nothing
     * says it with this phrase, so the user learns what to add rather than reading an OK about nothing.
     */
    default String appliesWhen() {
        return "every host";
    }

    /** Threshold names and default values; users override them per lab and per host. */
    default Map<String, Double> thresholdDefaults() {
        return Map.of();
    }

    /** Parsers of this check that {@code caretaker inspect} offers for saved output. */
    default List<Inspector> inspectors() {
        return List.of();
    }

    List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException;
}
