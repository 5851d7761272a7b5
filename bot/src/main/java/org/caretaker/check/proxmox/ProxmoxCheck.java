package org.caretaker.check.proxmox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Numbers;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.Args;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code proxmox}: a Proxmox VE node's storage (enabled but inactive, filling up) and its vzdump backups.
 * Each guest's most recent backup in the last {@code backup-window-hours} decides: failed is critical, with
 * warnings is a warning; no backup at all in the window is a warning, because a silently disabled backup job
 * is only noticed when a restore is needed.
 */
public final class ProxmoxCheck implements Check {
    public static final String ID = "proxmox";
    static final String INACTIVE = "runbook/proxmox#storage-inactive";
    static final String FULL = "runbook/disks#disk-full";
    static final String BACKUP = "runbook/proxmox#backup-failed";

    /**
     * The API wants the node's name; Proxmox takes it from the kernel's node name up to the first dot, and so
     * does this fixed script. {@code --source all} includes running tasks, which the default archive omits.
     */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Proxmox VE storage (inactive, filling up) and vzdump backups of the last day and a half";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("proxmox");
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged proxmox";
    }

    @Override
    public Map<String, Double> thresholdDefaults() {
        return Map.of("storage-warn", 85.0, "storage-crit", 95.0, "backup-window-hours", 36.0);
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(
                new Inspector("pvesh-storage", "output of `pvesh get /nodes/<node>/storage --output-format json` "
                        + "(or /cluster/resources)", ID, thresholdDefaults(),
                        (text, t, f) -> evaluateStorage(StorageParser.parse(text), t, f)),
                // Saved task lists are judged as of now: "no backup in the last 36 h" means 36 h before today.
                new Inspector("pvesh-tasks", "output of `pvesh get /nodes/<node>/tasks --typefilter vzdump "
                        + "--output-format json`", ID, thresholdDefaults(),
                        (text, t, f) -> evaluateBackups(TaskListParser.parse(text), Instant.now(), t, f)));
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        String node = node(ctx);
        List<Storage> storage = StorageParser.parse(pvesh(ctx, "pvesh storage",
                "get", "/nodes/" + node + "/storage", "--output-format", "json"));
        List<Task> tasks = TaskListParser.parse(pvesh(ctx, "pvesh vzdump tasks",
                "get", "/nodes/" + node + "/tasks", "--typefilter", "vzdump", "--limit", "50", "--source", "all",
                "--output-format", "json"));
        Findings f = ctx.findings();
        evaluateStorage(storage, ctx.thresholds(), f);
        evaluateBackups(tasks, ctx.now(), ctx.thresholds(), f);
        return f.list();
    }

    /** Proxmox names a node after the host name up to its first dot. */
    private static String node(CheckContext ctx) throws ExecException, InterruptedException, UnparseableOutputException {
        CommandOutput out = ctx.exec(Command.of("uname", "-n"));
        String name = out.stdout().strip();
        int dot = name.indexOf('.');
        String node = dot > 0 ? name.substring(0, dot) : name;
        if (out.exitCode() != 0 || !Args.isName(node)) {
            throw new UnparseableOutputException("cannot tell this Proxmox node's name from uname -n", out.combined());
        }
        return node;
    }

    private static String pvesh(CheckContext ctx, String label, String... args)
            throws ExecException, InterruptedException, UnparseableOutputException {
        List<String> argv = new java.util.ArrayList<>(List.of("pvesh"));
        argv.addAll(List.of(args));
        CommandOutput out = ctx.exec(Command.of(argv).withLabel(label).asRoot());
        ToolMissingException.check(out, "pvesh");
        if (out.exitCode() != 0) {
            throw new UnparseableOutputException("pvesh failed with exit code " + out.exitCode(), out.combined());
        }
        return out.stdout();
    }

    static void evaluateStorage(List<Storage> storage, Thresholds t, Findings f) {
        double warn = t.get("storage-warn");
        double crit = t.get("storage-crit");
        for (Storage s : storage) {
            String what = "storage " + s.subject() + (s.type().isEmpty() ? "" : " (" + s.type() + ")");
            if (!s.enabled()) {
                f.ok(s.subject(), what + " is disabled").runbook(INACTIVE);
                continue;
            }
            if (!s.active()) {
                f.crit(s.subject(), what + " is enabled but not active: Proxmox cannot use it").runbook(INACTIVE);
                continue;
            }
            double pct = s.usedPercent();
            if (Double.isNaN(pct)) {
                f.ok(s.subject(), what + " is active").runbook(INACTIVE);
                continue;
            }
            long shown = Math.round(pct);
            String amounts = Double.isNaN(s.used()) || Double.isNaN(s.total()) || s.total() <= 0 ? ""
                    : ": " + bytes(s.used()) + " of " + bytes(s.total()) + " used";
            Findings.Draft d;
            if (shown >= crit) {
                d = f.crit(s.subject(), what + " is " + shown + "% full (critical at " + Numbers.format(crit) + "%)" + amounts);
            } else if (shown >= warn) {
                d = f.warn(s.subject(), what + " is " + shown + "% full (warning at " + Numbers.format(warn) + "%)" + amounts);
            } else {
                d = f.ok(s.subject(), what + " is " + shown + "% full");
            }
            d.metric("used_percent", shown).runbook(FULL);
            if (!Double.isNaN(s.used()) && !Double.isNaN(s.total())) {
                d.metric("used", s.used()).metric("total", s.total());
            }
        }
        if (storage.isEmpty()) {
            f.ok("-", "no storage listed").runbook(INACTIVE);
        }
    }

    static void evaluateBackups(List<Task> tasks, Instant now, Thresholds t, Findings f) {
        double windowHours = t.get("backup-window-hours");
        Instant since = now.minusSeconds((long) (windowHours * 3600));
        List<Task> backups = tasks.stream().filter(x -> x.type().equals("vzdump"))
                .sorted(Comparator.comparing(Task::start).reversed()).toList();
        Map<String, Task> latest = new LinkedHashMap<>();
        Map<String, Task> running = new LinkedHashMap<>();
        for (Task x : backups) {
            if (x.start().isBefore(since)) {
                continue;
            }
            if (x.running()) {
                running.putIfAbsent(x.guest(), x);
            } else {
                latest.putIfAbsent(x.guest(), x);
            }
        }
        for (Map.Entry<String, Task> e : latest.entrySet()) {
            Task x = e.getValue();
            String subject = subject(x.guest());
            String what = x.guest().isEmpty() ? "run of the backup job" : "backup of guest " + x.guest();
            String ago = age(x.end().orElse(x.start()), now) + " ago";
            Findings.Draft d;
            if (x.status().equals("OK")) {
                d = f.ok(subject, "last " + what + " finished OK " + ago);
            } else if (x.status().startsWith("WARNINGS")) {
                d = f.warn(subject, "last " + what + " finished with warnings (" + x.status() + ") " + ago);
            } else {
                d = f.crit(subject, "last " + what + " failed " + ago + ": " + x.status());
            }
            double hours = Math.round(Duration.between(x.start(), now).toMinutes() / 6.0) / 10.0;
            d.metric("hours_since_backup", hours).runbook(BACKUP);
        }
        for (Map.Entry<String, Task> e : running.entrySet()) {
            if (!latest.containsKey(e.getKey())) {
                f.ok(subject(e.getKey()), (e.getKey().isEmpty() ? "the backup job" : "backup of guest " + e.getKey())
                        + " is running since " + WHEN.format(e.getValue().start())).runbook(BACKUP);
            }
        }
        if (latest.isEmpty() && running.isEmpty()) {
            Optional<Task> last = backups.stream().findFirst();
            f.warn("-", "no backup ran in the last " + Numbers.format(windowHours) + " h"
                    + last.map(x -> " (the last one started " + WHEN.format(x.start()) + ")")
                            .orElse(" (no vzdump task in the node's task list)"))
                    .runbook(BACKUP);
        }
    }

    /** A backup job covering several guests has no guest id in its task. */
    private static String subject(String guest) {
        return guest.isEmpty() ? "vzdump" : "guest " + guest;
    }

    private static String age(Instant since, Instant now) {
        long m = Math.max(0, Duration.between(since, now).toMinutes());
        return m < 120 ? m + " min" : m / 60 + " h";
    }

    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double v = b;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 || u == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

}
