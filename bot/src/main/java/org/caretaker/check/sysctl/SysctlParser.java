package org.caretaker.check.sysctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses {@code sysctl key...} output ({@code key = value}), sysctl's complaint about keys this kernel does not
 * have, and {@code ls -1 /dev/watchdog*} (device paths, or ls saying there are none). Pure: text in, record out.
 */
public final class SysctlParser {
    private static final Pattern SETTING = Pattern.compile("([a-z0-9_]+(?:\\.[A-Za-z0-9_-]+)+) = ?(.*)");
    private static final Pattern MISSING = Pattern.compile(
            "sysctl: cannot stat /proc/sys/(\\S+): No such file or directory");
    private static final Pattern WATCHDOG = Pattern.compile("/dev/watchdog\\d*");
    private static final Pattern NO_WATCHDOG = Pattern.compile("ls: .*/dev/watchdog.*No such file or directory");

    private SysctlParser() {
    }

    public static SysctlReport parse(String text) throws UnparseableOutputException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        List<String> watchdogs = new ArrayList<>();
        boolean watchdogListed = false;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = SETTING.matcher(line)).matches()) {
                values.put(m.group(1), m.group(2).strip());
            } else if ((m = MISSING.matcher(line)).matches()) {
                missing.add(m.group(1).replace('/', '.'));
            } else if (WATCHDOG.matcher(line).matches()) {
                watchdogs.add(line);
                watchdogListed = true;
            } else if (NO_WATCHDOG.matcher(line).matches()) {
                watchdogListed = true;
            } else {
                throw new UnparseableOutputException("unexpected line in sysctl output", raw);
            }
        }
        if (values.isEmpty() && missing.isEmpty()) {
            throw new UnparseableOutputException("no kernel settings (key = value) in the sysctl output", text);
        }
        return new SysctlReport(values, missing, watchdogListed ? Optional.of(watchdogs) : Optional.empty());
    }
}
