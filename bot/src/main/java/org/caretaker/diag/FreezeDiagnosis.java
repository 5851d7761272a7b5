package org.caretaker.diag;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Severity;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.kernel.KernelErrorsCheck;
import org.caretaker.check.memory.Meminfo;
import org.caretaker.check.memory.MeminfoParser;
import org.caretaker.check.smart.SmartCheck;
import org.caretaker.check.sysctl.FreezeHardeningCheck;
import org.caretaker.check.sysctl.SysctlParser;
import org.caretaker.check.sysctl.SysctlReport;
import org.caretaker.exec.Command;
import org.caretaker.exec.ExecException;

/**
 * {@code /diag freeze}: the freeze playbook ({@code runbook/freeze#after-a-freeze}) in one go, for the morning
 * after a host hung and was reset. Gathers the end of the previous boot, how it ended, its kernel errors, the
 * disks' SMART health, the USB tree, inotify use against its limits, the settings that decide whether a host
 * reboots itself, the jobs scheduled around the last log line, and the basics (kernel, RAM, controllers). The
 * analysis reads only the bundle, so a bundle saved after a real freeze can be judged again later.
 */
public final class FreezeDiagnosis {
    public static final String CHECK = "diag-freeze";
    static final String AFTER = "runbook/freeze#after-a-freeze";
    static final String FEWER = "runbook/freeze#fewer-freezes";
    static final String INOTIFY = "runbook/freeze#inotify-limits";
    static final Duration JOB_WINDOW = Duration.ofMinutes(60);

    static final String JOURNAL_LAST = "journal-last";
    static final String LAST = "last-boots";
    static final String KERNEL_ERR = "kernel-errors";
    static final String KERNEL_WARN = "kernel-warnings";
    static final String USB = "usb-tree";
    static final String INOTIFY_USE = "inotify";
    static final String SYSCTL = "sysctl";
    static final String TIMERS = "timers";
    static final String CRON = "crontabs";
    static final String PVE_JOBS = "pve-jobs";
    static final String UNAME = "kernel-version";
    static final String MEMINFO = "meminfo";
    static final String CONTROLLERS = "storage-controllers";

    /** One line: command arguments may not hold control characters. Counts only what this login may see. */
    static final String INOTIFY_SCRIPT = "printf 'max_user_instances %s\\n' \"$(cat /proc/sys/fs/inotify/max_user_instances)\"; "
            + "printf 'max_user_watches %s\\n' \"$(cat /proc/sys/fs/inotify/max_user_watches)\"; "
            + "printf 'instances_in_use %s\\n' \"$(find /proc/[0-9]*/fd -lname 'anon_inode:inotify' 2>/dev/null | wc -l)\"";
    static final String SYSCTL_SCRIPT = "PATH=\"$PATH:/usr/sbin:/sbin\"; command -v sysctl >/dev/null 2>&1 || exit 127; "
            + "sysctl kernel.panic kernel.hung_task_timeout_secs kernel.watchdog kernel.softlockup_panic 2>&1; "
            + "ls -1 /dev/watchdog* 2>&1; exit 0";
    static final String CRON_SCRIPT = "command -v crontab >/dev/null 2>&1 && { echo '== crontab -l'; crontab -l 2>&1; }; "
            + "for f in /etc/crontab /etc/cron.d/*; do [ -r \"$f\" ] && [ -f \"$f\" ] && { echo \"== $f\"; grep -v '^[[:space:]]*#' \"$f\"; }; done; exit 0";
    static final String CONTROLLER_SCRIPT = "PATH=\"$PATH:/usr/sbin:/sbin\"; if command -v lspci >/dev/null 2>&1; then "
            + "lspci | grep -iE 'sata|sas|raid|nvme|scsi|storage|ide'; else echo '(lspci is not installed; from /sys/block)'; "
            + "for d in /sys/block/*/device; do [ -e \"$d\" ] || continue; b=${d%/device}; "
            + "printf '%s %s %s\\n' \"${b##*/}\" \"$(cat $d/vendor 2>/dev/null)\" \"$(cat $d/model 2>/dev/null)\"; done; fi; exit 0";

    private static final Pattern ISO_TIME = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2}:\\d{2})(?:[.,]\\d+)?(?:[+-]\\d{2}:?\\d{2}|Z)?");
    private static final Pattern NO_PREVIOUS_BOOT = Pattern.compile(
            "(?i)specified boot .*not|no such boot|data from the specified boot .* is not available|no journal files were found");
    private static final Pattern SHUTDOWN_MARK = Pattern.compile(
            "(?i)systemd-shutdown|Reached target .*(?:Power-Off|Reboot|System Shutdown|Shutdown)|System is (?:powering down|rebooting)|Journal stopped|systemd-journald.*Received SIGTERM");
    private static final Pattern CRON_LINE = Pattern.compile("^\\s*(\\d{1,2})\\s+(\\d{1,2})\\s+\\S+\\s+\\S+\\s+\\S+\\s+(?:(\\S+)\\s+)?(.+)$");
    private static final Pattern PVE_JOB = Pattern.compile("^(vzdump|\\w+):\\s*(\\S+)");
    private static final Pattern PVE_SCHEDULE = Pattern.compile("^\\s+schedule\\s+(?:[a-z,.\\-]+\\s+)?(\\d{1,2}):(\\d{2})");
    private static final Pattern TIMER_LAST = Pattern.compile("\\w{3} \\d{4}-\\d{2}-\\d{2} (\\d{2}:\\d{2}):\\d{2} \\S+\\s+\\S+(?: \\S+)? ago\\s+(\\S+\\.timer)");

    private FreezeDiagnosis() {
    }

    /** Asks every question of the playbook; each is independent of the others. */
    static List<Finding> gather(Gathering g) throws ExecException, InterruptedException {
        g.ask(JOURNAL_LAST, Command.of("journalctl", "-b", "-1", "-n", "200", "--no-pager", "-o", "short-iso").asRoot(), "journalctl");
        g.ask(LAST, Command.of("last", "-x", "-F", "-n", "20", "shutdown", "reboot"), "last");
        g.ask(KERNEL_ERR, Command.of("journalctl", "-b", "-1", "-k", "-p", "err", "--no-pager", "-o", "short-iso").asRoot(), "journalctl");
        g.ask(KERNEL_WARN, Command.of("journalctl", "-b", "-1", "-k", "-p", "warning", "--no-pager", "-o", "short-iso").asRoot(), "journalctl");
        g.ask(USB, Command.of("lsusb", "-t"), "lsusb");
        g.ask(INOTIFY_USE, Command.script(INOTIFY_USE, INOTIFY_SCRIPT), "find");
        g.ask(SYSCTL, Command.script(SYSCTL, SYSCTL_SCRIPT), "sysctl");
        g.ask(TIMERS, Command.of("systemctl", "list-timers", "--all", "--no-pager"), "systemctl");
        g.ask(CRON, Command.script(CRON, CRON_SCRIPT), "crontab");
        g.ask(PVE_JOBS, Command.of("cat", "/etc/pve/jobs.cfg").asRoot(), "cat");
        g.ask(UNAME, Command.of("uname", "-r"), "uname");
        g.ask(MEMINFO, Command.of("cat", "/proc/meminfo"), "cat");
        g.ask(CONTROLLERS, Command.script(CONTROLLERS, CONTROLLER_SCRIPT), "lspci");
        return g.run(new SmartCheck());
    }

    /** Judges a freeze bundle; {@code smart} are the SMART findings gathered with it (empty when re-reading a file). */
    public static List<Finding> analyze(Bundle b, List<Finding> smart) {
        Findings f = new Findings(CHECK, b.host());
        List<String> story = new ArrayList<>();
        Severity storySeverity = Severity.OK;

        Optional<LocalDateTime> lastLog = lastLog(b, f);
        Optional<Boolean> clean = cleanShutdown(b, f);
        lastLog.ifPresent(t -> story.add("last log " + t.toLocalTime()));
        lastLog.flatMap(t -> jobBefore(b, t)).ifPresent(job -> {
            long minutes = job.minutesBefore;
            story.set(story.size() - 1, story.get(story.size() - 1) + ", " + minutes + " min after the " + job.time + " " + job.name);
            f.warn("scheduled-work", "the last log line came " + minutes + " min after " + job.name + " started at " + job.time
                    + " (" + job.source + "); scheduled work is the usual trigger of a freeze at the same time each night")
                    .metric("minutes_after_job", minutes).runbook(FEWER);
        });
        if (lastLog.isPresent() && lastLog.flatMap(t -> jobBefore(b, t)).isEmpty()) {
            f.ok("scheduled-work", "no scheduled job (cron, systemd timers, Proxmox jobs) started within "
                    + JOB_WINDOW.toMinutes() + " min before the last log line; " + scheduled(b).size() + " scheduled jobs read")
                    .runbook(FEWER);
        }
        if (clean.isPresent()) {
            story.add(clean.get() ? "clean shutdown" : "no clean shutdown");
            if (!clean.get()) {
                storySeverity = Severity.CRIT;
            }
        }
        Optional<Long> panic = sysctl(b, f);
        panic.ifPresent(p -> story.add("kernel.panic=" + p + (p == 0 ? ", so the host will not reboot itself" : "")));
        if (panic.isPresent() && panic.get() == 0 && storySeverity == Severity.OK) {
            storySeverity = Severity.WARN;
        }
        kernelLog(b, f);
        usb(b, f);
        inotify(b, f);
        basics(b, f);

        List<Finding> out = new ArrayList<>();
        Findings summary = new Findings(CHECK, b.host());
        String text = story.isEmpty() ? "the previous boot left nothing to read: see the sections below" : String.join("; ", story);
        summary.add(storySeverity, "summary", text).runbook(AFTER);
        out.addAll(summary.list());
        out.addAll(f.list());
        out.addAll(smart);
        return List.copyOf(out);
    }

    private static Optional<LocalDateTime> lastLog(Bundle b, Findings f) {
        Optional<Section> s = b.section(JOURNAL_LAST);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Section sec = s.get();
        if (!sec.note().isEmpty()) {
            Gathering.reportMissing(sec, f, "the previous boot's journal");
            return Optional.empty();
        }
        if (NO_PREVIOUS_BOOT.matcher(sec.combined()).find() || (sec.exitCode() != 0 && sec.stdout().isBlank())) {
            f.warn("previous-boot", "the journal has no previous boot (" + Excerpt.of(sec.combined(), 100)
                    + "): make it persistent so the next freeze leaves its last lines").runbook(AFTER);
            return Optional.empty();
        }
        if (hidden(sec)) {
            f.warn("journal-access", "journalctl hides the system's messages from this login, so the previous boot's end may be "
                    + "missing: let this host use sudo or add the login to the adm or systemd-journal group").runbook(AFTER);
        }
        List<String> lines = sec.stdout().lines().filter(l -> ISO_TIME.matcher(l).find()).toList();
        if (lines.isEmpty()) {
            f.unknown("previous-boot", "no time-stamped line in the previous boot's journal: " + Excerpt.of(sec.combined(), 100))
                    .runbook(AFTER);
            return Optional.empty();
        }
        String last = lines.get(lines.size() - 1);
        Matcher m = ISO_TIME.matcher(last);
        m.find();
        LocalDateTime t = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
        f.ok("last-log", "the previous boot's last log line, " + m.group(1) + " " + m.group(2) + ": "
                + Excerpt.of(last.substring(m.end()).strip(), 120)).runbook(AFTER);
        return Optional.of(t);
    }

    /** Clean when the journal's tail shows the shutdown, or {@code last} has a shutdown right before the latest reboot. */
    private static Optional<Boolean> cleanShutdown(Bundle b, Findings f) {
        Optional<Boolean> journal = b.section(JOURNAL_LAST).filter(Section::succeeded).filter(s -> !hidden(s))
                .filter(s -> s.stdout().lines().anyMatch(l -> ISO_TIME.matcher(l).find()))
                .map(s -> tail(s.stdout(), 30).stream().anyMatch(l -> SHUTDOWN_MARK.matcher(l).find()));
        Optional<Boolean> wtmp = b.section(LAST).filter(Section::succeeded).flatMap(s -> lastSaysClean(s.stdout()));
        if (journal.isEmpty() && wtmp.isEmpty()) {
            b.section(LAST).filter(s -> !s.note().isEmpty()).ifPresent(s -> Gathering.reportMissing(s, f, "the login records (last -x)"));
            return Optional.empty();
        }
        boolean clean = journal.orElse(false) || wtmp.orElse(false);
        String evidence = journal.map(j -> j ? "the journal ends with the shutdown" : "the journal ends without a shutdown").orElse("")
                + (journal.isPresent() && wtmp.isPresent() ? "; " : "")
                + wtmp.map(w -> w ? "last -x shows a shutdown before the latest boot" : "last -x shows a boot with no shutdown before it").orElse("");
        if (clean) {
            f.ok("shutdown", "the previous boot ended cleanly: " + evidence).runbook(AFTER);
        } else {
            f.crit("shutdown", "the previous boot did not shut down cleanly (a freeze, a reset or a power cut): " + evidence).runbook(AFTER);
        }
        return Optional.of(clean);
    }

    /** A journal read without the rights to see the system's messages proves nothing by what it lacks. */
    private static boolean hidden(Section s) {
        return s.combined().contains("not seeing messages from other users and the system");
    }

    /** {@code last -x} lists newest first: the line after the newest reboot says how the boot before it ended. */
    static Optional<Boolean> lastSaysClean(String text) {
        List<String> entries = text.lines().filter(l -> l.startsWith("reboot ") || l.startsWith("shutdown ")).toList();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).startsWith("reboot ")) {
                if (i + 1 >= entries.size()) {
                    return Optional.empty();
                }
                String before = entries.get(i + 1);
                return Optional.of(before.startsWith("shutdown "));
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> sysctl(Bundle b, Findings f) {
        Optional<Section> s = b.section(SYSCTL);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (!s.get().note().isEmpty() || s.get().stdout().isBlank()) {
            Gathering.reportMissing(s.get(), f, "the kernel's freeze settings");
            return Optional.empty();
        }
        for (Finding x : new FreezeHardeningCheck().inspectors().get(0).inspect(s.get().stdout())) {
            if (!x.subject().startsWith("fs.inotify")) {
                f.add(x.severity(), x.subject(), x.message()).runbook(x.runbook());
            }
        }
        try {
            SysctlReport r = SysctlParser.parse(s.get().stdout());
            return r.number("kernel.panic");
        } catch (UnparseableOutputException e) {
            return Optional.empty();
        }
    }

    private static void kernelLog(Bundle b, Findings f) {
        b.section(KERNEL_ERR).ifPresent(s -> {
            if (!s.succeeded()) {
                return;
            }
            long n = logLines(s.stdout()).size();
            Findings.Draft d = n == 0
                    ? f.ok("kernel-errors", "no kernel errors (priority err and worse) in the previous boot")
                    : f.warn("kernel-errors", n + " kernel error line" + (n == 1 ? "" : "s") + " in the previous boot, the last: "
                            + Excerpt.of(lastLine(String.join("\n", logLines(s.stdout()))), 120));
            d.metric("lines", n).runbook("runbook/kernel#io-errors");
        });
        Optional<Section> warn = b.section(KERNEL_WARN);
        if (warn.isEmpty() || !warn.get().succeeded()) {
            warn.filter(s -> !s.note().isEmpty()).ifPresent(s -> Gathering.reportMissing(s, f, "the previous boot's kernel log"));
            return;
        }
        if (logLines(warn.get().stdout()).isEmpty()) {
            return;
        }
        for (Finding x : new KernelErrorsCheck().inspectors().get(0).inspect(warn.get().stdout())) {
            Findings.Draft d = f.add(x.severity(), x.subject(), x.message().replace("in the kernel log", "in the previous boot's kernel log"));
            x.metrics().forEach(d::metric);
            d.runbook(x.runbook());
        }
    }

    private static void usb(Bundle b, Findings f) {
        b.section(USB).ifPresent(s -> {
            if (!s.succeeded()) {
                Gathering.reportMissing(s, f, "the USB tree");
                return;
            }
            long devices = s.stdout().lines().filter(l -> l.contains("Dev ")).count();
            f.ok("usb", devices + " USB devices and hubs attached now; compare with what should be there (a radio stick that did not come back)")
                    .metric("devices", devices).runbook("runbook/kernel#usb-disconnects");
        });
    }

    private static void inotify(Bundle b, Findings f) {
        b.section(INOTIFY_USE).filter(Section::succeeded).ifPresent(s -> {
            long max = -1;
            long used = -1;
            long watches = -1;
            for (String line : s.stdout().lines().toList()) {
                String[] kv = line.strip().split("\\s+");
                if (kv.length == 2 && kv[1].matches("\\d{1,12}")) {
                    long v = Long.parseLong(kv[1]);
                    switch (kv[0]) {
                        case "max_user_instances" -> max = v;
                        case "instances_in_use" -> used = v;
                        case "max_user_watches" -> watches = v;
                        default -> { }
                    }
                }
            }
            if (max <= 0 || used < 0) {
                f.unknown("inotify", "could not read inotify use: " + Excerpt.of(s.combined(), 100)).runbook(INOTIFY);
                return;
            }
            String text = used + " inotify instances in use (that this login can see), max_user_instances is " + max
                    + (watches > 0 ? ", max_user_watches " + watches : "");
            Findings.Draft d = used * 10 >= max * 8 ? f.warn("inotify", text + ": close to the limit") : f.ok("inotify", text);
            d.metric("instances_in_use", used).metric("max_user_instances", max).runbook(INOTIFY);
        });
    }

    private static void basics(Bundle b, Findings f) {
        b.section(UNAME).ifPresent(s -> {
            if (s.succeeded()) {
                f.ok("kernel-version", "kernel " + s.stdout().strip()).runbook(AFTER);
            } else {
                Gathering.reportMissing(s, f, "the kernel version");
            }
        });
        b.section(MEMINFO).filter(Section::succeeded).ifPresent(s -> {
            try {
                Meminfo m = MeminfoParser.parse(s.stdout());
                f.ok("ram", String.format("%.1f GiB RAM, %.1f GiB available, swap %.1f GiB", m.totalKb() / 1048576.0,
                        m.usableKb() / 1048576.0, m.swapTotalKb() / 1048576.0)).metric("total_kb", m.totalKb()).runbook(AFTER);
            } catch (UnparseableOutputException e) {
                f.unknown("ram", "could not read /proc/meminfo: " + e.excerpt()).runbook(AFTER);
            }
        });
        b.section(CONTROLLERS).filter(Section::succeeded).ifPresent(s -> {
            List<String> lines = s.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith("(")).toList();
            f.ok("storage-controllers", lines.isEmpty() ? "no storage controller listed"
                    : "storage: " + Excerpt.of(String.join("; ", lines), 200)).runbook(AFTER);
        });
    }

    /** A scheduled job that started within {@link #JOB_WINDOW} before the last log line, the latest such. */
    static Optional<Job> jobBefore(Bundle b, LocalDateTime lastLog) {
        List<Job> jobs = new ArrayList<>();
        LocalTime end = lastLog.toLocalTime();
        for (Job j : scheduled(b)) {
            long minutes = Duration.between(j.time, end).toMinutes();
            if (minutes < 0) {
                minutes += 24 * 60;
            }
            if (minutes <= JOB_WINDOW.toMinutes()) {
                jobs.add(new Job(j.name, j.time, j.source, minutes));
            }
        }
        return jobs.stream().min((x, y) -> Long.compare(x.minutesBefore, y.minutesBefore));
    }

    static List<Job> scheduled(Bundle b) {
        List<Job> jobs = new ArrayList<>();
        String pveName = null;
        for (String line : b.stdout(PVE_JOBS).lines().toList()) {
            Matcher j = PVE_JOB.matcher(line);
            Matcher s = PVE_SCHEDULE.matcher(line);
            if (j.find()) {
                pveName = j.group(1) + " job " + j.group(2);
            } else if (s.find() && pveName != null) {
                jobs.add(new Job(pveName, LocalTime.of(Integer.parseInt(s.group(1)) % 24, Integer.parseInt(s.group(2)) % 60), "/etc/pve/jobs.cfg", 0));
            }
        }
        for (String line : b.stdout(CRON).lines().toList()) {
            Matcher m = CRON_LINE.matcher(line);
            if (m.matches() && Integer.parseInt(m.group(1)) < 60 && Integer.parseInt(m.group(2)) < 24) {
                String command = m.group(4).strip();
                jobs.add(new Job("cron job '" + Excerpt.of(command, 60).replace("\"", "") + "'",
                        LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))), "cron", 0));
            }
        }
        for (String line : b.stdout(TIMERS).lines().toList()) {
            Matcher m = TIMER_LAST.matcher(line);
            if (m.find()) {
                jobs.add(new Job("timer " + m.group(2), LocalTime.parse(m.group(1)), "systemd timer, last run", 0));
            }
        }
        return jobs;
    }

    record Job(String name, LocalTime time, String source, long minutesBefore) {
    }

    /** journalctl prints "-- No entries --" and "-- Boot ... --" notes between log lines; they are not the log. */
    private static List<String> logLines(String text) {
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("-- ")).toList();
    }

    private static List<String> tail(String text, int n) {
        List<String> lines = text.lines().toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
