package org.caretaker.check.sysctl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code freeze-hardening}: the kernel settings that decide whether a host recovers from a freeze by itself
 * and whether the freeze leaves a trace: reboot after a panic, hung-task reports, a watchdog device, and on
 * k3s hosts inotify limits high enough for the pods (exhausted inotify limits stall kubelet and containers).
 */
public final class FreezeHardeningCheck implements Check {
    public static final String ID = "freeze-hardening";
    static final String INOTIFY = "runbook/freeze#inotify-limits";
    static final String PANIC_REBOOT = "runbook/freeze#kernel-panic-reboot";
    static final String HUNG_TASK = "runbook/freeze#hung-task-timeout";
    static final String WATCHDOG = "runbook/freeze#watchdog";
    static final String WATCHES = "fs.inotify.max_user_watches";
    static final String INSTANCES = "fs.inotify.max_user_instances";
    static final String PANIC = "kernel.panic";
    static final String HUNG_TIMEOUT = "kernel.hung_task_timeout_secs";

    /**
     * sysctl lives in /usr/sbin, which a non-root login's PATH often lacks. Its complaints about keys the
     * kernel does not have go to stdout with the values; ls says whether any watchdog device exists. One line:
     * command arguments may not hold control characters.
     */
    static final String SCRIPT = "PATH=\"$PATH:/usr/sbin:/sbin\"; "
            + "command -v sysctl >/dev/null 2>&1 || exit 127; "
            + "sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances kernel.panic"
            + " kernel.hung_task_timeout_secs kernel.watchdog kernel.softlockup_panic 2>&1; "
            + "ls -1 /dev/watchdog* 2>&1; "
            + "exit 0";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Settings that let a host recover from a freeze: kernel.panic, hung-task timeout, watchdog, inotify limits on k3s";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("proxmox") || host.hasTag("k3s") || host.hasTag("freeze-hardening");
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged proxmox, k3s or freeze-hardening";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of("min-inotify-watches", 524288.0, "min-inotify-instances", 512.0);
    }

    @Override
    public List<Inspector> inspectors() {
        // Saved text comes without a host, so the inotify limits are judged as for a k3s host.
        return List.of(new Inspector("sysctl",
                "output of `sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances kernel.panic "
                        + "kernel.hung_task_timeout_secs` and optionally `ls -1 /dev/watchdog*`",
                ID, thresholdDefaults(), (text, t, f) -> evaluate(SysctlParser.parse(text), t, f, true)));
    }

    static void evaluate(SysctlReport r, Thresholds t, Findings f, boolean k3s) {
        if (k3s) {
            inotify(r, WATCHES, t.get("min-inotify-watches"), "watches", f);
            inotify(r, INSTANCES, t.get("min-inotify-instances"), "instances", f);
        }
        r.number(PANIC).ifPresent(v -> {
            Findings.Draft d;
            if (v == 0) {
                d = f.warn(PANIC, "kernel.panic is 0: the host will not reboot itself after a panic (10 is recommended)");
            } else if (v < 0) {
                d = f.ok(PANIC, "kernel.panic is " + v + ": the host reboots at once after a panic");
            } else {
                d = f.ok(PANIC, "kernel.panic is " + v + ": the host reboots " + v + (v == 1 ? " second" : " seconds")
                        + " after a panic");
            }
            d.metric("value", v).runbook(PANIC_REBOOT);
        });
        if (r.missing().contains(HUNG_TIMEOUT)) {
            f.warn(HUNG_TIMEOUT, "kernel.hung_task_timeout_secs does not exist: this kernel never reports hung tasks "
                    + "(it needs CONFIG_DETECT_HUNG_TASK; 120 is recommended)").runbook(HUNG_TASK);
        } else {
            r.number(HUNG_TIMEOUT).ifPresent(v -> {
                Findings.Draft d = v == 0
                        ? f.warn(HUNG_TIMEOUT, "kernel.hung_task_timeout_secs is 0: hung tasks are never reported (120 is recommended)")
                        : f.ok(HUNG_TIMEOUT, "kernel.hung_task_timeout_secs is " + v + ": tasks blocked for " + v
                                + " seconds are reported");
                d.metric("value", v).runbook(HUNG_TASK);
            });
        }
        r.watchdogs().ifPresent(devices -> {
            Findings.Draft d = devices.isEmpty()
                    ? f.warn("watchdog", "no watchdog device (/dev/watchdog): nothing reboots the host when it freezes "
                            + "(enable the hardware watchdog or load softdog)")
                    : f.ok("watchdog", "watchdog device present: " + String.join(", ", devices));
            d.metric("devices", devices.size()).runbook(WATCHDOG);
            r.number("kernel.watchdog").ifPresent(v -> d.metric("lockup_detector", v));
            r.number("kernel.softlockup_panic").ifPresent(v -> d.metric("softlockup_panic", v));
        });
    }

    private static void inotify(SysctlReport r, String key, double min, String what, Findings f) {
        Optional<Long> value = r.number(key);
        if (value.isEmpty()) {
            return;
        }
        long v = value.get();
        String minimum = Long.toString((long) min);
        Findings.Draft d = v < min
                ? f.warn(key, key + " is " + v + ", below " + minimum + ": k3s pods and their file watchers run out of inotify " + what)
                : f.ok(key, key + " is " + v + " (at least " + minimum + ")");
        d.metric("value", v).runbook(INOTIFY);
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        CommandOutput out = ctx.exec(Command.script("freeze-hardening", SCRIPT));
        ToolMissingException.check(out, "sysctl");
        Findings f = ctx.findings();
        evaluate(SysctlParser.parse(out.stdout()), ctx.thresholds(), f, ctx.host().hasTag("k3s"));
        return f.list();
    }
}
