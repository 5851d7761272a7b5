package org.caretaker.check.load;

import java.util.OptionalInt;

/**
 * What {@code /proc/loadavg} said, and the number of online CPUs when the command printed it.
 *
 * @param load1    load average over 1 minute
 * @param load5    over 5 minutes
 * @param load15   over 15 minutes
 * @param running  runnable scheduling entities right now
 * @param total    scheduling entities that exist
 * @param cpus     online CPUs ({@code getconf _NPROCESSORS_ONLN}); empty when the text did not include it
 */
public record LoadAverage(double load1, double load5, double load15, int running, int total, OptionalInt cpus) {
}
