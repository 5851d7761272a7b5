package org.caretaker.check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers a check judges by, after overrides: the check's defaults, then the lab-wide values from
 * {@code thresholds:} in the configuration, then the host's own. Asking for a name the check did not declare
 * is a programming error, so it fails loudly in tests rather than judging by zero.
 */
public final class Thresholds {
    private final String check;
    private final Map<String, Double> values;

    public Thresholds(String check, Map<String, Double> values) {
        this.check = check;
        this.values = Map.copyOf(values);
    }

    /** Defaults overridden by each map in turn (lab-wide, then host). */
    @SafeVarargs
    public static Thresholds layered(String check, Map<String, Double> defaults, Map<String, Double>... overrides) {
        Map<String, Double> v = new LinkedHashMap<>(defaults);
        for (Map<String, Double> o : overrides) {
            if (o != null) {
                v.putAll(o);
            }
        }
        return new Thresholds(check, v);
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("check " + check + " has no threshold '" + name + "'");
        }
        return v;
    }

    public Map<String, Double> asMap() {
        return values;
    }
}
