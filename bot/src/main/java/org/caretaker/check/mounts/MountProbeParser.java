package org.caretaker.check.mounts;

import java.util.LinkedHashMap;
import java.util.Map;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses what {@link MountsCheck#PROBE_SCRIPT} prints: one line per path,
 * {@code probe<TAB>path<TAB>exit<TAB>millis<TAB>output}, in whatever order the probes finished. Paths cannot
 * hold tabs or newlines (the configuration refuses them) and the script folds the output onto one line.
 */
public final class MountProbeParser {

    private MountProbeParser() {
    }

    /** Path → probe; a path the script did not get to is simply absent. */
    public static Map<String, MountProbe> parse(String text) throws UnparseableOutputException {
        Map<String, MountProbe> out = new LinkedHashMap<>();
        for (String line : (text == null ? "" : text).lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", 5);
            if (f.length != 5 || !f[0].equals("probe") || !f[1].startsWith("/")
                    || !f[2].matches("\\d{1,3}") || !f[3].matches("-|\\d{1,12}")) {
                throw new UnparseableOutputException("not a line of the mount probe (probe, path, exit, ms, output)", line);
            }
            long ms = f[3].equals("-") ? -1 : Long.parseLong(f[3]);
            out.put(f[1], new MountProbe(f[1], Integer.parseInt(f[2]), ms, f[4].strip()));
        }
        return out;
    }
}
