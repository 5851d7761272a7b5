package org.caretaker.check.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/** Parses {@code /proc/meminfo}: one {@code Name:  value [kB]} per line. Pure: text in, record out. */
public final class MeminfoParser {
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_()]+):\\s+(\\d{1,18})(?: kB)?");

    private MeminfoParser() {
    }

    public static Meminfo parse(String text) throws UnparseableOutputException {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new UnparseableOutputException("unexpected line in /proc/meminfo", line);
            }
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Long total = values.get("MemTotal");
        Long free = values.get("MemFree");
        if (total == null || free == null || total == 0) {
            throw new UnparseableOutputException("no MemTotal and MemFree in /proc/meminfo", text);
        }
        Long available = values.get("MemAvailable");
        return new Meminfo(
                total,
                free,
                available == null ? OptionalLong.empty() : OptionalLong.of(available),
                values.getOrDefault("Buffers", 0L),
                values.getOrDefault("Cached", 0L),
                values.getOrDefault("SwapTotal", 0L),
                values.getOrDefault("SwapFree", 0L));
    }
}
