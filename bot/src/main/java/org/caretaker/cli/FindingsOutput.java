package org.caretaker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;

/** Prints findings as a table for people or as {@code {"findings":[...]}} for programs. */
final class FindingsOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingsOutput() {
    }

    static void json(List<Finding> findings, PrintWriter out) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", f.check());
            m.put("host", f.host());
            m.put("subject", f.subject());
            m.put("severity", f.severity().name());
            m.put("message", f.message());
            Map<String, Number> metrics = new LinkedHashMap<>();
            f.metrics().forEach((k, v) -> metrics.put(k, v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) v.longValue() : v));
            m.put("metrics", metrics);
            m.put("runbook", f.runbook());
            list.add(m);
        }
        try {
            out.println(JSON.writeValueAsString(Map.of("findings", list)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    static void table(List<Finding> findings, PrintWriter out) {
        String host = null;
        int checkWidth = 5;
        int subjectWidth = 7;
        for (Finding f : findings) {
            checkWidth = Math.max(checkWidth, f.check().length());
            subjectWidth = Math.min(32, Math.max(subjectWidth, printable(f.subject()).length()));
        }
        for (Finding f : findings) {
            if (!f.host().equals(host)) {
                host = f.host();
                out.println(printable(host));
            }
            out.printf("  %-11s %-" + checkWidth + "s  %-" + subjectWidth + "s  %s%n",
                    f.severity().name(), f.check(), printable(f.subject()), printable(f.message()));
        }
        out.println();
        out.println(summary(findings));
        out.flush();
    }

    static String summary(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        return counts.get(Severity.OK) + " OK, " + counts.get(Severity.WARN) + " WARN, " + counts.get(Severity.CRIT) + " CRIT, "
                + counts.get(Severity.UNKNOWN) + " UNKNOWN, " + counts.get(Severity.UNREACHABLE) + " UNREACHABLE; worst: " + worst;
    }

    /**
     * Text from hosts, and names typed by the user, may hold terminal escape sequences, line breaks or bidirectional
     * overrides; they are shown as {@code ?}, never obeyed, so one value stays on one line and reads as written.
     */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x200e || cp == 0x200f
                    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
                sb.append('?');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    static int exitCode(List<Finding> findings) {
        return Severity.worst(findings.stream().map(Finding::severity).toList()).exitCode();
    }
}
