package org.caretaker.check.kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code kernel-errors}: what the kernel logged since the last run that a person should know about: I/O
 * errors, hung tasks, OOM kills, machine-check hardware errors, USB devices that dropped off (a Zigbee stick
 * disconnecting before a freeze), and the families in {@link KernelFamilies}. One finding per category, so each
 * one clears on its own.
 *
 * <p>I/O errors on loop devices count like any other: the kernel log cannot tell a harmless flush on a snap
 * image from a failing disk underneath an image file, and a person can acknowledge the harmless kind.
 */
public final class KernelErrorsCheck implements Check {
    public static final String ID = "kernel-errors";

    /**
     * journalctl where systemd runs (only it knows "since"), else dmesg filtered by its seconds-since-boot
     * stamps. {@code $1} is the start of the window in epoch seconds, passed as its own argument. One line:
     * command arguments may not hold control characters.
     */
    static final String SCRIPT = "since=\"$1\"; "
            + "if [ -d /run/systemd/system ] && command -v journalctl >/dev/null 2>&1"
            + " && out=$(journalctl -k --since \"@$since\" --no-pager -o short-iso); then"
            + " printf '%s\\n' \"$out\"; exit 0; fi; "
            + "out=$(dmesg) || exit $?; "
            + "cutoff=$(( $(cut -d. -f1 /proc/uptime) - ($(date +%s) - since) )); "
            + "printf '%s\\n' \"$out\" | awk -v cutoff=\"$cutoff\""
            + " '/^\\[ *[0-9]+\\.[0-9]+\\]/ { t = substr($0, index($0, \"[\") + 1, index($0, \"]\") - index($0, \"[\") - 1) + 0;"
            + " keep = (t >= cutoff) } keep'";
    static final Duration FIRST_WINDOW = Duration.ofHours(24);

    private static final Pattern IO = Pattern.compile(
            "(?i)\\bI/O error\\b|blk_update_request|critical medium error|Medium Error|\\bata\\d+(?:\\.\\d+)?: failed command");
    private static final Pattern IO_DEVICE = Pattern.compile(
            "\\bdev(?:ice)? ([A-Za-z][\\w.:-]*?)(?=[,):\\s]|$)|\\[(sd[a-z]+|sr\\d+|vd[a-z]+|nvme\\d+n\\d+)\\]|\\b(ata\\d+(?:\\.\\d+)?):");
    private static final Pattern HUNG = Pattern.compile("blocked for more than \\d+ seconds");
    private static final Pattern HUNG_TASK = Pattern.compile("task (.+):(\\d+) blocked for more than (\\d+) seconds");
    private static final Pattern OOM_KILLED = Pattern.compile("Killed process (\\d+) \\(([^)]*)\\)");
    private static final Pattern OOM_INVOKED = Pattern.compile("(\\S+) invoked oom-killer");
    private static final Pattern OOM_KILL = Pattern.compile("\\boom-kill:");
    private static final Pattern HARDWARE = Pattern.compile(
            "\\[Hardware Error\\]|(?i:machine check (?:exception|events logged))|(?i:fatal machine check)"
                    + "|\\bmce: .*(?i:\\berror\\b)");
    /** Logged for every kind of machine-check event, thermal ones and corrected memory errors included. */
    private static final Pattern MCE_LOGGED = Pattern.compile("Machine check events logged");
    private static final Pattern USB = Pattern.compile("usb (\\S+): USB disconnect, device number (\\d+)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Kernel log since the last run: I/O, filesystem and hardware errors, hung tasks, read-only remounts and a full "
                + "conntrack table (CRIT); OOM kills, USB disconnects, NFS/CIFS and NVMe timeouts, SCSI aborts, corrected "
                + "memory errors, thermal throttling, CPU lockups and RCU stalls (WARN)";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return true;
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("kernel-log",
                "kernel log text: dmesg, dmesg -T, kern.log/syslog, RFC 5424 or journalctl -k -o short-iso",
                ID, thresholdDefaults(), KernelErrorsCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        List<String> messages = KernelLogParser.parse(text, KernelErrorsCheck::known).messages();
        ioErrors(messages, f);
        hungTasks(messages, f);
        oomKills(messages, f);
        hardwareErrors(messages, f);
        usbDisconnects(messages, f);
        for (KernelFamilies.Family family : KernelFamilies.ALL) {
            family(family, messages, f);
        }
    }

    private static boolean known(String message) {
        return KernelFamilies.known(message) || IO.matcher(message).find() || HUNG.matcher(message).find()
                || OOM_KILLED.matcher(message).find() || HARDWARE.matcher(message).find() || USB.matcher(message).find();
    }

    private static void family(KernelFamilies.Family family, List<String> messages, Findings f) {
        List<String> hits = matching(messages, family.pattern());
        String anchor = "runbook/kernel#" + family.subject();
        if (hits.isEmpty()) {
            f.ok(family.subject(), "no " + family.many() + " in the kernel log").metric(family.metric(), 0).runbook(anchor);
            return;
        }
        String described = family.describe(hits.get(hits.size() - 1));
        report(f, family.severity(hits), family.subject(), hits.size(), family.one(), family.many(),
                (described.startsWith("\"") ? "latest: " : "latest ") + described, family.metric(), anchor);
    }

    private static void ioErrors(List<String> messages, Findings f) {
        List<String> hits = matching(messages, IO);
        if (hits.isEmpty()) {
            f.ok("io-errors", "no I/O errors in the kernel log").metric("io_errors", 0).runbook("runbook/kernel#io-errors");
            return;
        }
        String latest = hits.get(hits.size() - 1);
        Matcher d = IO_DEVICE.matcher(latest);
        String on = "";
        if (d.find()) {
            String device = d.group(1) != null ? d.group(1) : d.group(2) != null ? d.group(2) : d.group(3);
            on = " on " + device;
        }
        report(f, Severity.CRIT, "io-errors", hits.size(), "I/O error message", "I/O error messages",
                "latest" + on + ": " + Excerpt.of(latest, 100), "io_errors", "runbook/kernel#io-errors");
    }

    private static void hungTasks(List<String> messages, Findings f) {
        List<String> hits = matching(messages, HUNG);
        if (hits.isEmpty()) {
            f.ok("hung-tasks", "no hung tasks in the kernel log").metric("hung_tasks", 0).runbook("runbook/kernel#hung-tasks");
            return;
        }
        String latest = hits.get(hits.size() - 1);
        Matcher m = HUNG_TASK.matcher(latest);
        String what = m.find()
                ? m.group(1) + " (pid " + m.group(2) + ") blocked for more than " + m.group(3) + " seconds"
                : Excerpt.of(latest, 100);
        report(f, Severity.CRIT, "hung-tasks", hits.size(), "hung task", "hung tasks", "latest: " + what,
                "hung_tasks", "runbook/kernel#hung-tasks");
    }

    private static void oomKills(List<String> messages, Findings f) {
        // One OOM kill logs "invoked oom-killer", "oom-kill:" and "Killed process"; count the kills, or the
        // first line of the report when the log was cut before the kill.
        List<String> hits = matching(messages, OOM_KILLED);
        String what;
        if (!hits.isEmpty()) {
            Matcher m = OOM_KILLED.matcher(hits.get(hits.size() - 1));
            what = m.find() ? m.group(2) + " (pid " + m.group(1) + ")" : "";
        } else {
            hits = matching(messages, OOM_INVOKED);
            if (hits.isEmpty()) {
                hits = matching(messages, OOM_KILL);
            }
            if (hits.isEmpty()) {
                f.ok("oom-kills", "no OOM kills in the kernel log").metric("oom_kills", 0).runbook("runbook/kernel#oom-kills");
                return;
            }
            what = Excerpt.of(hits.get(hits.size() - 1), 100);
        }
        report(f, Severity.WARN, "oom-kills", hits.size(), "OOM kill", "OOM kills", "latest: " + what,
                "oom_kills", "runbook/kernel#oom-kills");
    }

    private static void hardwareErrors(List<String> messages, Findings f) {
        List<String> hits = matching(messages, HARDWARE);
        // "Machine check events logged" also follows thermal events and corrected memory errors, which have
        // findings of their own; counted here it would turn a hot CPU into a CRIT hardware error.
        boolean explained = messages.stream().anyMatch(KernelFamilies::explainsMachineCheck);
        if (explained) {
            hits.removeIf(m -> MCE_LOGGED.matcher(m).find() && !m.matches("(?i).*\\b(?:uncorrect|fatal).*"));
        }
        if (hits.isEmpty()) {
            f.ok("hardware-errors", "no hardware errors in the kernel log").metric("hardware_errors", 0)
                    .runbook("runbook/kernel#hardware-errors");
            return;
        }
        report(f, Severity.CRIT, "hardware-errors", hits.size(), "hardware error message", "hardware error messages",
                "latest: " + Excerpt.of(hits.get(hits.size() - 1), 100), "hardware_errors", "runbook/kernel#hardware-errors");
    }

    private static void usbDisconnects(List<String> messages, Findings f) {
        List<String> hits = matching(messages, USB);
        if (hits.isEmpty()) {
            f.ok("usb-disconnects", "no USB disconnects in the kernel log").metric("usb_disconnects", 0)
                    .runbook("runbook/kernel#usb-disconnects");
            return;
        }
        Matcher m = USB.matcher(hits.get(hits.size() - 1));
        String what = m.find() ? "usb " + m.group(1) + " (device number " + m.group(2) + ")" : "";
        report(f, Severity.WARN, "usb-disconnects", hits.size(), "USB disconnect", "USB disconnects", "latest: " + what,
                "usb_disconnects", "runbook/kernel#usb-disconnects");
    }

    private static void report(Findings f, Severity severity, String subject, int count, String one, String many,
            String latest, String metric, String runbook) {
        f.add(severity, subject, count + " " + (count == 1 ? one : many) + " in the kernel log, " + latest)
                .metric(metric, count)
                .runbook(runbook);
    }

    private static List<String> matching(List<String> messages, Pattern p) {
        List<String> out = new ArrayList<>();
        for (String m : messages) {
            if (p.matcher(m).find()) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        Instant since = ctx.lastRun().orElse(ctx.now().minus(FIRST_WINDOW));
        // Not under sudo: a sudo rule for "sh -c" would hand out a root shell. Members of the systemd-journal
        // (or adm) group read the kernel log; without it the check says so as UNKNOWN.
        CommandOutput out = ctx.exec(Command.of("sh", "-c", SCRIPT, "sh", Long.toString(since.getEpochSecond()))
                .withLabel("kernel-log"));
        ToolMissingException.check(out, "dmesg");
        String all = out.combined();
        if (out.exitCode() != 0 && all.contains("read kernel buffer failed")) {
            throw new UnparseableOutputException("the kernel log can only be read as root here (kernel.dmesg_restrict is on); "
                    + "let this host use sudo", all);
        }
        if (all.contains("not seeing messages from other users and the system")) {
            throw new UnparseableOutputException("journalctl hides the kernel log from this login; "
                    + "let this host use sudo or add the login to the adm or systemd-journal group", all);
        }
        if (out.exitCode() != 0) {
            throw new UnparseableOutputException("reading the kernel log failed with status " + out.exitCode(), all);
        }
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }
}
