package org.caretaker.check.smart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Runbook;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.Args;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code smart}: each disk's SMART health from {@code smartctl -j -a}: the drive's own verdict, the error
 * counters that predict failure, NVMe wear and warnings, temperature, self-tests. The disks are the host's
 * {@code expect: disks:}, else whatever {@code smartctl --scan} finds. One finding per disk.
 */
public final class SmartCheck implements Check {
    public static final String ID = "smart";
    /** A failing disk can take long to answer; smartctl's own retries stay within this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Disk health (smartctl): failed health, reallocated/pending sectors, NVMe wear, temperature";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        // no-smart: a VM whose disks are virtual; their SMART is read where they are attached.
        boolean byRole = host.hasTag("proxmox") || host.hasTag("zfs") || host.hasTag("snapraid");
        return host.hasTag("smart") || (byRole && !host.hasTag("no-smart")) || !host.expect().disks().isEmpty();
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged smart, proxmox, zfs or snapraid, or with expect.disks";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of(
                "temperature-warn", 55.0,
                "temperature-crit", 65.0,
                "nvme-temperature-warn", 70.0,
                "nvme-temperature-crit", 80.0,
                "reallocated-crit", 100.0,
                "nvme-wear-warn", 80.0,
                "nvme-wear-crit", 100.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(
                new Inspector("smartctl-json", "one document of `smartctl -j -a` (or -x -j, -jH, -jA)", ID,
                        thresholdDefaults(), SmartCheck::evaluateJson),
                new Inspector("smartctl-text", "plain output of `smartctl -a` or `smartctl -H -A`", ID,
                        thresholdDefaults(), SmartCheck::evaluateText));
    }

    static void evaluateJson(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        SmartReport r = SmartctlJsonParser.parse(text);
        String subject = r.device().isEmpty() ? "-" : new ScannedDevice(r.device(), r.type()).subject();
        SmartEvaluation.evaluate(r, subject, t, f, SmartEvaluation.Previous.NONE);
    }

    static void evaluateText(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        SmartEvaluation.evaluate(SmartctlTextParser.parse(text), "-", t, f, SmartEvaluation.Previous.NONE);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        List<ScannedDevice> disks = new ArrayList<>();
        List<String> expected = ctx.host().expect().disks();
        if (!expected.isEmpty()) {
            expected.forEach(d -> disks.add(new ScannedDevice(d, "")));
        } else {
            // Root, because listing the disks behind a RAID controller asks the controller.
            CommandOutput scan = ctx.exec(Command.of("smartctl", "--scan", "-j").asRoot());
            ToolMissingException.check(scan, "smartctl");
            disks.addAll(SmartctlJsonParser.scan(scan.stdout()));
        }
        Findings f = ctx.findings();
        if (disks.isEmpty()) {
            f.unknown("-", "smartctl --scan found no disks; name them under expect: disks: in the host's configuration")
                    .runbook(SmartEvaluation.EXIT_STATUS);
            return f.list();
        }
        for (ScannedDevice d : disks) {
            List<String> argv = new ArrayList<>(List.of("smartctl", "-j", "-a", Args.requireDevice(d.name())));
            if (d.needsType()) {
                argv.add("-d");
                argv.add(d.type());
            }
            // smartctl's exit status is a bit mask of findings; its JSON carries it, so it is not an error here.
            CommandOutput out = ctx.exec(Command.of(argv).withTimeout(TIMEOUT).asRoot());
            ToolMissingException.check(out, "smartctl");
            try {
                SmartEvaluation.evaluate(SmartctlJsonParser.parse(out.stdout()), d.subject(), ctx.thresholds(), f,
                        ctx::lastMetric);
            } catch (UnparseableOutputException e) {
                // One unreadable disk must not hide the others.
                f.unknown(d.subject(), d.subject() + ": " + e.getMessage() + ": " + e.excerpt()).runbook(Runbook.UNKNOWN_OUTPUT);
            }
        }
        return f.list();
    }
}
