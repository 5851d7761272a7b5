package org.caretaker.check.sysctl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the freeze-hardening script printed: kernel settings, the keys this kernel does not have, and the
 * watchdog devices that exist.
 *
 * @param values    key → value as sysctl printed it, e.g. {@code kernel.panic} → {@code 10}
 * @param missing   keys sysctl could not find ("cannot stat /proc/sys/..."): the kernel lacks the feature
 * @param watchdogs the {@code /dev/watchdog*} devices, empty when there are none; absent when the text did
 *                  not say (plain {@code sysctl} output pasted into the inspector)
 */
public record SysctlReport(Map<String, String> values, Set<String> missing, Optional<List<String>> watchdogs) {

    public SysctlReport {
        values = Map.copyOf(values);
        missing = Set.copyOf(missing);
        watchdogs = watchdogs.map(List::copyOf);
    }

    /** The value as a whole number, or empty when the key is absent or not a number. */
    public Optional<Long> number(String key) {
        String v = values.get(key);
        if (v == null || !v.matches("-?\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(v));
    }
}
