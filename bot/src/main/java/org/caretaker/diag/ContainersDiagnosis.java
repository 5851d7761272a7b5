package org.caretaker.diag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.docker.ContainersCheck;
import org.caretaker.config.Args;
import org.caretaker.exec.Command;
import org.caretaker.exec.ExecException;

/**
 * {@code /diag containers}: the containers check run now, and for each container in a restart loop its last
 * log lines, which usually say why it dies. Container names come from docker's own output and are passed as
 * one argument each after {@link Args#isName} accepted them; a name that is not plain is reported, not used.
 */
public final class ContainersDiagnosis {
    public static final String CHECK = "diag-containers";
    static final String RESTART_LOOP = "runbook/containers#restart-loop";
    static final int TAIL = 20;
    /** A container with this many restarts is looping even when no earlier run saw it. */
    static final int LOOPING_RESTARTS = 3;

    private ContainersDiagnosis() {
    }

    static List<Finding> gather(Gathering g) throws ExecException, InterruptedException {
        List<Finding> found = g.run(new ContainersCheck());
        List<Finding> out = new ArrayList<>(found);
        Findings f = new Findings(CHECK, g.host().name());
        for (String name : looping(found)) {
            if (!Args.isName(name)) {
                f.unknown(name, "docker reported a container name that is not plain, so its logs were not fetched").runbook(RESTART_LOOP);
                continue;
            }
            Section s = g.ask("logs-" + label(name), Command.of("docker", "logs", "--tail", Integer.toString(TAIL), name).asRoot(), "docker");
            if (!s.note().isEmpty() || s.exitCode() != 0) {
                Gathering.reportMissing(s, f, "the logs of " + name);
                continue;
            }
            f.add(Severity.WARN, name, name + " is in a restart loop; its last log lines are in the attached bundle, the last: "
                    + org.caretaker.check.Excerpt.of(lastLine(s.combined()), 160)).runbook(RESTART_LOOP);
        }
        out.addAll(f.list());
        return out;
    }

    /** Containers the check found restarting, or with many restarts. */
    static Set<String> looping(List<Finding> found) {
        Set<String> names = new LinkedHashSet<>();
        for (Finding x : found) {
            if (x.subject().equals("-")) {
                continue;
            }
            boolean restarting = x.severity() != Severity.OK && x.runbook().equals(RESTART_LOOP);
            boolean many = x.metrics().getOrDefault("restart_count", 0.0) >= LOOPING_RESTARTS;
            if (restarting || many) {
                names.add(x.subject());
            }
        }
        return names;
    }

    private static String label(String name) {
        String l = name.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        return l.length() > 60 ? l.substring(0, 60) : l;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
