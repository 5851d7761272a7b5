package org.caretaker.check;

/** How numbers appear in findings: thresholds and values without a trailing ".0". */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 85.0} as "85", {@code 1.5} as "1.5". */
    public static String format(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
