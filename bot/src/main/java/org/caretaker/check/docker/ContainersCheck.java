package org.caretaker.check.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code containers}: every Docker container on the host, judged one by one. Restart loops and failing
 * health checks are critical, containers that exited with an error are warnings (critical when the host
 * expects them), and an expected container that is missing or stopped is critical. Restart counts are
 * compared with the previous run, so a container that restarts between two runs and looks fine at both is
 * still caught.
 */
public final class ContainersCheck implements Check {
    public static final String ID = "containers";
    static final String RESTART_LOOP = "runbook/containers#restart-loop";
    static final String UNHEALTHY = "runbook/containers#unhealthy";
    static final String EXITED = "runbook/containers#exited";
    static final String MISSING = "runbook/containers#missing-container";

    /**
     * Only the fields we read, each JSON-quoted by docker. {@code {{json .}}} would also ask the engine for
     * every container's disk size ({@code size=1}), which walks each writable layer and can take minutes.
     */
    static final String PS_FORMAT = "{\"ID\":{{json .ID}},\"Names\":{{json .Names}},\"Image\":{{json .Image}},"
            + "\"State\":{{json .State}},\"Status\":{{json .Status}}}";
    /** Saved output has no previous run to compare restart counts with. */
    private static final BiFunction<String, String, OptionalDouble> NO_HISTORY = (subject, metric) -> OptionalDouble.empty();
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{12,64}");
    private static final Pattern AGO = Pattern.compile("\\) (.+ ago)$");
    private static final Pattern UP = Pattern.compile("^Up (.+?)(?: \\(.*\\))?$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Docker containers: restart loops, failing health checks, crashed and missing containers";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("docker") || !host.expect().containers().isEmpty();
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged docker or with expect.containers";
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(
                new Inspector("docker-ps", "output of `docker ps -a --format '{{json .}}'`, or the Engine API's "
                        + "GET /containers/json?all=1", ID, thresholdDefaults(),
                        (text, t, f) -> evaluate(DockerPsParser.parse(text), List.of(), NO_HISTORY, f)),
                new Inspector("docker-inspect", "output of `docker inspect <containers>` (array or one object)", ID,
                        thresholdDefaults(),
                        (text, t, f) -> evaluate(DockerInspectParser.parse(text), List.of(), NO_HISTORY, f)));
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        CommandOutput ps = ctx.exec(Command.of("docker", "ps", "-a", "--no-trunc", "--format", PS_FORMAT).asRoot());
        ToolMissingException.check(ps, "docker");
        if (ps.exitCode() != 0) {
            DaemonErrors.check(ps.stderr());
            throw new UnparseableOutputException("docker ps failed with exit code " + ps.exitCode(), ps.combined());
        }
        List<Container> containers = withDetails(ctx, DockerPsParser.parse(ps.stdout()));
        Findings f = ctx.findings();
        evaluate(containers, ctx.host().expect().containers(), ctx::lastMetric, f);
        return f.list();
    }

    /**
     * Adds restart counts, health and OOM flags from {@code docker inspect}. A container removed between the
     * two commands makes inspect exit 1 while still printing the others, so the exit code is not trusted; if
     * the output is unusable the list from {@code docker ps} is judged on its own.
     */
    private static List<Container> withDetails(CheckContext ctx, List<Container> containers)
            throws ExecException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("docker", "inspect"));
        for (Container c : containers) {
            if (HEX_ID.matcher(c.id()).matches()) {
                argv.add(c.id());
            }
        }
        if (argv.size() == 2) {
            return containers;
        }
        CommandOutput out = ctx.exec(Command.of(argv).asRoot());
        Map<String, Container> details = new LinkedHashMap<>();
        try {
            for (Container d : DockerInspectParser.parse(out.stdout())) {
                details.put(d.id(), d);
            }
        } catch (UnparseableOutputException e) {
            return containers;
        }
        List<Container> merged = new ArrayList<>(containers.size());
        for (Container c : containers) {
            Container d = details.get(c.id());
            merged.add(d == null ? c : c.withDetails(d));
        }
        return merged;
    }

    /**
     * @param expected    container names the host must run
     * @param lastMetric  (subject, metric) → value recorded on the previous run
     */
    static void evaluate(List<Container> containers, List<String> expected,
            BiFunction<String, String, OptionalDouble> lastMetric, Findings f) {
        for (Container c : containers) {
            judge(c, expected.contains(c.name()), lastMetric.apply(c.name(), "restart_count"), f);
        }
        for (String name : expected) {
            if (containers.stream().noneMatch(c -> c.name().equals(name))) {
                f.crit(name, "expected container " + name + " does not exist on this host").runbook(MISSING);
            }
        }
        if (f.isEmpty()) {
            f.ok("-", "no containers on this host").runbook(MISSING);
        }
    }

    /** What we think of one container: how bad, where to look, and the sentence to say it. */
    private record Judgement(Severity severity, String runbook, String message) {
    }

    private static void judge(Container c, boolean expected, OptionalDouble previousRestarts, Findings f) {
        String who = (expected ? "expected container " : "container ") + c.name();
        int restartedSince = c.restartCount() >= 0 && previousRestarts.isPresent()
                ? (int) Math.max(0, c.restartCount() - previousRestarts.getAsDouble()) : 0;
        String more = (restartedSince > 0 ? "; it restarted " + times(restartedSince) + " since the last run" : "")
                + (c.oomKilled() ? "; the last run was killed for running out of memory (OOMKilled)" : "");
        Judgement v = switch (c.state()) {
            case RESTARTING -> new Judgement(Severity.CRIT, RESTART_LOOP,
                    who + " keeps restarting (" + lastExit(c) + restartsSoFar(c) + ")" + more);
            case RUNNING -> running(c, who, restartedSince, more);
            case EXITED -> exited(c, who, expected, more);
            case DEAD -> new Judgement(expected ? Severity.CRIT : Severity.WARN, expected ? MISSING : EXITED,
                    who + " is dead: docker failed to stop or remove it");
            // A paused container holds its memory and answers nothing; someone has to unpause it.
            case PAUSED -> new Judgement(expected ? Severity.CRIT : Severity.WARN, expected ? MISSING : EXITED,
                    who + " is paused: its processes are frozen and it serves nothing until docker unpause");
            default -> {
                String state = c.state().name().toLowerCase(Locale.ROOT);
                yield expected ? new Judgement(Severity.CRIT, MISSING, who + " is not running (" + state + ")")
                        : new Judgement(Severity.OK, EXITED, who + " is " + state + ", not running");
            }
        };
        Findings.Draft d = f.add(v.severity(), c.name(), v.message()).runbook(v.runbook());
        if (c.restartCount() >= 0) {
            d.metric("restart_count", c.restartCount());
        }
        if (c.exitCode() >= 0) {
            d.metric("exit_code", c.exitCode());
        }
    }

    /** Restarts that, seen for the first time on a container up for less than an hour, mean it is looping. */
    static final int LOOPING_RESTARTS = 3;

    private static Judgement running(Container c, String who, int restartedSince, String more) {
        if (c.health().equals("unhealthy")) {
            return new Judgement(Severity.CRIT, UNHEALTHY, who + " is running but its health check fails" + more);
        }
        if (restartedSince > 0) {
            return new Judgement(Severity.WARN, RESTART_LOOP, who + " restarted " + times(restartedSince)
                    + " since the last run (restart count now " + c.restartCount() + ")"
                    + (c.oomKilled() ? "; the last run was killed for running out of memory (OOMKilled)" : ""));
        }
        if (restartedSince == 0 && c.restartCount() >= LOOPING_RESTARTS && !c.status().matches("Up (?:About an|\\d+) (?:hour|day|week|month)s?.*")) {
            // No earlier run to compare with: a container that restarted this often and came up less than an
            // hour ago is looping between the moments docker shows it as restarting.
            return new Judgement(Severity.WARN, RESTART_LOOP, who + " is running but has restarted " + times(c.restartCount())
                    + uptime(c) + (c.oomKilled() ? "; the last run was killed for running out of memory (OOMKilled)" : ""));
        }
        return new Judgement(Severity.OK, c.health().isEmpty() ? RESTART_LOOP : UNHEALTHY,
                who + " is running" + uptime(c) + healthClause(c));
    }

    /** Exit 0 is a finished one-shot (fine unless the host expects the container to run); anything else crashed. */
    private static Judgement exited(Container c, String who, boolean expected, String more) {
        String how = " exited with code " + (c.exitCode() >= 0 ? c.exitCode() : "unknown") + ago(c);
        if (c.exitCode() != 0) {
            return new Judgement(expected ? Severity.CRIT : Severity.WARN, EXITED, who + how + more);
        }
        if (expected) {
            return new Judgement(Severity.CRIT, MISSING, who + " is not running: it" + how);
        }
        return new Judgement(Severity.OK, EXITED, who + " finished cleanly (exit code 0" + ago(c) + ")");
    }

    private static String lastExit(Container c) {
        return c.exitCode() >= 0 ? "last exit code " + c.exitCode() : "last exit code unknown";
    }

    private static String restartsSoFar(Container c) {
        return c.restartCount() > 0 ? ", " + c.restartCount() + " restarts so far" : "";
    }

    private static String ago(Container c) {
        Matcher m = AGO.matcher(c.status());
        return m.find() ? " " + m.group(1) : "";
    }

    private static String uptime(Container c) {
        Matcher m = UP.matcher(c.status());
        return m.matches() ? ", up " + m.group(1) : "";
    }

    private static String healthClause(Container c) {
        return switch (c.health()) {
            case "healthy" -> ", healthy";
            case "starting" -> ", health check starting";
            default -> "";
        };
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
