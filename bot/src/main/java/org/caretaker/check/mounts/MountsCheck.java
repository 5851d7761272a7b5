package org.caretaker.check.mounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.Args;
import org.caretaker.config.HostConfig;
import org.caretaker.config.MountExpectation;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code mounts}: every mount point in the host's {@code expect.mounts} is mounted, has the expected type and
 * answers: the MergerFS pool and its branches, the parity disk, CIFS automounts.
 *
 * <p>It first touches each path ({@link #PROBE_SCRIPT}), then lists mounts with findmnt. In that order the
 * listing already shows what a systemd automount mounted when touched, instead of its {@code systemd-1}
 * autofs placeholder. findmnt only reads the kernel's mount table, so a hung filesystem cannot stall it; the
 * probe is what notices one.
 */
public final class MountsCheck implements Check {
    public static final String ID = "mounts";
    static final String PROBE_TIMEOUT = "probe-timeout-seconds";

    /**
     * Runs {@code stat -f} (which asks the filesystem itself, and triggers automounts) on every path given as a
     * positional argument ({@code $2...}; {@code $1} is the timeout in seconds), all at once in background jobs,
     * each under its own {@code timeout}, and prints one line per path:
     * {@code probe<TAB>path<TAB>exit<TAB>millis<TAB>output}.
     *
     * <p>Why one script rather than one command per path: it uses one SSH channel, like any other check, so
     * it never competes with the checks running beside it for the host's session limit (OpenSSH allows 10);
     * and since the probes run side by side, ten stale mounts cost one timeout, not ten. Each probe has its
     * own {@code timeout -k 1}, so a hung path is ended on the host and the others still report; if even that
     * fails (a process the kernel will not kill), the command's own timeout ends the script and the paths that
     * printed nothing count as not answering. The paths are arguments, never part of the script text.
     *
     * <p>A {@code stat} whose request a FUSE or network filesystem has already taken waits in the kernel
     * uninterruptibly, and not even KILL ends it. So a path whose earlier probe is still there is not probed
     * again (it counts as not answering, exit 124): otherwise every run would leave one more unkillable
     * process on the host for as long as the mount stays stale.</p>
     */
    static final String PROBE_SCRIPT = "t=$1; shift; "
            + "for p do ( "
            + "if command -v pgrep >/dev/null 2>&1 && pgrep -x -f \"stat -f -c %T $(printf '%s' \"$p\" | sed 's/[][\\.*^$+?(){}|]/\\\\&/g')\" >/dev/null 2>&1; then "
            + "printf 'probe\\t%s\\t124\\t-\\t%s\\n' \"$p\" 'an earlier probe is still stuck on it'; exit 0; fi; "
            + "a=$(date +%s%N); "
            + "r=$(timeout -k 1 \"$t\" stat -f -c %T \"$p\" 2>&1); c=$?; "
            + "b=$(date +%s%N); "
            + "case \"$a$b\" in *[!0-9]*) ms=- ;; *) ms=$(( (b - a) / 1000000 )) ;; esac; "
            + "printf 'probe\\t%s\\t%s\\t%s\\t%s\\n' \"$p\" \"$c\" \"$ms\" \"$(printf '%s' \"$r\" | tr '\\t\\n' '  ')\"; "
            + ") & done; wait";

    static final Command FINDMNT = Command.of("findmnt", "-J", "-o", "TARGET,SOURCE,FSTYPE,OPTIONS")
            .withTimeout(Duration.ofSeconds(20));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Expected mounts are there, of the right type, and answer (MergerFS pool and branches, CIFS automounts)";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return !host.expect().mounts().isEmpty();
    }

    @Override
    public String appliesWhen() {
        return "hosts with expect.mounts";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of(PROBE_TIMEOUT, 5.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("findmnt",
                "output of `findmnt` (the table or tree), `findmnt -J` or `findmnt -rn -o TARGET,SOURCE,FSTYPE,OPTIONS` (lists what is mounted; "
                        + "whether a mount answers only the check's probe on the host can tell)",
                ID, thresholdDefaults(), MountsCheck::inspect));
    }

    static void inspect(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        List<MountEntry> listing = FindmntParser.parse(text, f::skip);
        MountsEvaluation.evaluate(listing, MountsEvaluation.everyRealMount(listing), Probing.NONE, f);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        Findings f = ctx.findings();
        List<Expected> expected = new ArrayList<>();
        for (MountExpectation m : ctx.host().expect().mounts()) {
            expected.add(new Expected(Args.requireAbsolutePath(m.path()), m.fstype()));
        }
        if (expected.isEmpty()) {
            MountsEvaluation.evaluate(List.of(), expected, Probing.NONE, f);
            return f.list();
        }
        int secs = (int) Math.max(1, Math.min(120, Math.round(ctx.thresholds().get(PROBE_TIMEOUT))));

        List<String> argv = new ArrayList<>(List.of("sh", "-c", PROBE_SCRIPT, "probe-mounts", Integer.toString(secs)));
        expected.forEach(e -> argv.add(e.path()));
        // Room for every probe's timeout and its kill grace; the probes run side by side.
        CommandOutput probed = ctx.exec(Command.of(argv).withLabel("probe-mounts").withTimeout(Duration.ofSeconds(secs + 10L)));
        Map<String, MountProbe> probes = MountProbeParser.parse(probed.stdout());

        CommandOutput out = ctx.exec(FINDMNT);
        ToolMissingException.check(out, "findmnt");
        List<MountEntry> listing = FindmntParser.parse(out.stdout().isBlank() ? out.combined() : out.stdout());

        Map<String, Underneath> underneath = new HashMap<>();
        for (Expected e : expected) {
            MountProbe probe = probes.get(e.path());
            if (MountsEvaluation.topAt(listing, e.path()) == null && probe != null && probe.answered()) {
                underneath.put(e.path(), lookUnder(ctx, e.path(), secs));
            }
        }
        MountsEvaluation.evaluate(listing, expected, new Probing(true, secs, probed.timedOut(), probes, underneath), f);
        return f.list();
    }

    /**
     * Whether the directory left at a missing mount point is empty. Only asked for paths that are not mounted,
     * so it never reads the root of a real pool (which would wake every disk behind it).
     */
    private static Underneath lookUnder(CheckContext ctx, String path, int secs) throws ExecException, InterruptedException {
        CommandOutput out = ctx.exec(Command.of("find", path, "-mindepth", "1", "-maxdepth", "1", "-print", "-quit")
                .withTimeout(Duration.ofSeconds(secs)));
        if (out.exitCode() != 0) {
            return Underneath.UNKNOWN;
        }
        return out.stdout().isBlank() ? Underneath.EMPTY_DIRECTORY : Underneath.HOLDS_FILES;
    }
}
