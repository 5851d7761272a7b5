package org.caretaker.check.mounts;

import java.util.List;
import java.util.Set;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;

/**
 * Judges each expected mount point against the findmnt listing and, when the check ran them, the probes.
 * Shared by {@link MountsCheck} and its {@code findmnt} inspector. One finding per mount point, worst problem
 * first: not answering, a dead FUSE process, not mounted, an automount that failed, an error when touched,
 * the wrong filesystem type.
 */
final class MountsEvaluation {
    static final String MISSING_MOUNT = "runbook/mounts#missing-mount";
    static final String STALE_MOUNT = "runbook/mounts#stale-mount";
    static final String WRONG_FILESYSTEM = "runbook/mounts#wrong-filesystem";
    static final String MERGERFS_DOWN = "runbook/mounts#mergerfs-down";
    static final String CIFS_AUTOMOUNT = "runbook/mounts#cifs-automount";

    /** Kernel interfaces and RAM or image filesystems: not mounts anyone expects, so the inspector skips them. */
    private static final Set<String> PSEUDO_TYPES = Set.of(
            "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "debugfs",
            "tracefs", "pstore", "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "binfmt_misc", "rpc_pipefs",
            "nsfs", "efivarfs", "ramfs", "overlay", "squashfs", "selinuxfs", "nfsd");

    private MountsEvaluation() {
    }

    /** The inspector's view: every real mount in the listing, any type, nothing probed. */
    static List<Expected> everyRealMount(List<MountEntry> listing) {
        return listing.stream()
                .filter(e -> !PSEUDO_TYPES.contains(e.fstype()))
                .filter(e -> !e.target().startsWith("/proc/") && !e.target().startsWith("/sys/")
                        && !e.target().startsWith("/dev/"))
                .map(MountEntry::target)
                .distinct()
                .map(t -> new Expected(t, ""))
                .toList();
    }

    static void evaluate(List<MountEntry> listing, List<Expected> expected, Probing probing, Findings f) {
        if (expected.isEmpty()) {
            f.ok("-", "no mounts are expected on this host").runbook(MISSING_MOUNT);
            return;
        }
        for (Expected e : expected) {
            judge(listing, e, probing, f);
        }
    }

    private static void judge(List<MountEntry> listing, Expected e, Probing probing, Findings f) {
        String p = e.path();
        String want = e.fstype();
        MountEntry top = topAt(listing, p);
        MountProbe probe = probing.probes().get(p);
        String anchor = watchedBy(want.isEmpty() && top != null ? top.fstype() : want);
        String shown = top == null ? p : p + " (" + top.fstype() + ")";

        if (probing.ran() && (probe == null ? probing.cutShort() : probe.timedOut())) {
            metric(f.crit(p, shown + " did not answer within " + probing.timeoutSeconds() + " s (stale mount?)"), probe)
                    .runbook(STALE_MOUNT);
            return;
        }
        if (probing.ran() && probe == null) {
            f.unknown(p, "the mount probe printed nothing for " + p).runbook(Runbook.UNKNOWN_OUTPUT);
            return;
        }
        if (probe != null && probe.output().contains("Transport endpoint is not connected")) {
            metric(f.crit(p, shown + " is dead: the FUSE process serving it is gone (Transport endpoint is not connected)"), probe)
                    .runbook(MERGERFS_DOWN);
            return;
        }
        if (probe != null && (probe.exitCode() == 126 || probe.exitCode() == 127)) {
            f.unknown(p, "could not probe " + p + ": " + Excerpt.of(probe.output())).runbook(Runbook.TOOL_MISSING);
            return;
        }
        if (top == null) {
            metric(f.crit(p, notMounted(listing, p, want, probe, probing.underneath().get(p))), probe).runbook(anchor);
            return;
        }
        if (top.isAutofs() && !want.equals("autofs")) {
            if (probe == null) {
                f.ok(p, p + " is an automount (" + top.source() + ") that nothing has triggered yet").runbook(anchor);
                return;
            }
            if (!probe.answered()) {
                metric(f.crit(p, p + ": the automount (" + top.source() + ") could not mount "
                        + (want.isEmpty() ? "its filesystem" : want) + ": " + probe.reason()), probe).runbook(anchor);
                return;
            }
            if (!want.isEmpty()) {
                metric(f.crit(p, p + " is an automount (" + top.source() + ") but touching it mounted nothing (expected "
                        + want + ")"), probe).runbook(anchor);
                return;
            }
        }
        if (probe != null && !probe.answered()) {
            if (probe.reason().equals("Permission denied")) {
                metric(f.unknown(p, p + " could not be probed: Permission denied (a FUSE mount without allow_other?)"), probe)
                        .runbook(STALE_MOUNT);
            } else {
                metric(f.crit(p, shown + " could not be read: " + probe.reason()), probe)
                        .runbook(isCifs(top.fstype()) ? CIFS_AUTOMOUNT : STALE_MOUNT);
            }
            return;
        }
        if (!want.isEmpty() && !sameType(want, top.fstype())) {
            metric(f.warn(p, p + ": expected " + want + ", found " + top.describe()), probe).runbook(WRONG_FILESYSTEM);
            return;
        }
        String answered = probe == null ? "" : probe.millis() >= 0 ? " and answered in " + probe.millis() + " ms" : " and answered";
        metric(f.ok(p, p + " is mounted (" + top.describe() + ")" + answered), probe).runbook(anchor);
    }

    private static String notMounted(List<MountEntry> listing, String p, String want, MountProbe probe, Underneath under) {
        String head = p + " is not mounted" + (want.isEmpty() ? "" : " (expected " + want + ")");
        if (probe != null && probe.reason().equals("No such file or directory")) {
            return head + " and the directory does not exist";
        }
        MountEntry below = covering(listing, p);
        if (below == null) {
            return head;
        }
        String on = below.target().equals("/") ? "the root filesystem" : below.target() + " (" + below.fstype() + ")";
        return switch (under == null ? Underneath.UNKNOWN : under) {
            case EMPTY_DIRECTORY -> head + ": only an empty directory on " + on + " is there";
            case HOLDS_FILES -> head + ": it is a directory on " + on + " holding files, so what is written there fills "
                    + (below.target().equals("/") ? "the root filesystem" : below.target()) + " instead";
            case UNKNOWN -> head + "; the path lies on " + on;
        };
    }

    /** The entry mounted last at exactly this target (the one on top), or null. */
    static MountEntry topAt(List<MountEntry> listing, String path) {
        MountEntry top = null;
        for (MountEntry m : listing) {
            if (m.target().equals(path)) {
                top = m;
            }
        }
        return top;
    }

    /** The mount a path that is not itself mounted lies on: the longest target above it. */
    private static MountEntry covering(List<MountEntry> listing, String path) {
        MountEntry best = null;
        for (MountEntry m : listing) {
            String t = m.target();
            boolean above = t.equals("/") || path.startsWith(t + "/");
            if (above && !t.equals(path) && (best == null || t.length() >= best.target().length())) {
                best = m;
            }
        }
        return best;
    }

    private static Findings.Draft metric(Findings.Draft d, MountProbe probe) {
        if (probe != null && probe.millis() >= 0) {
            d.metric("probe_ms", probe.millis());
        }
        return d;
    }

    /** The runbook section about a mount of that type. */
    private static String watchedBy(String fstype) {
        if (fstype.equals("fuse.mergerfs") || fstype.equals("mergerfs")) {
            return MERGERFS_DOWN;
        }
        return isCifs(fstype) ? CIFS_AUTOMOUNT : MISSING_MOUNT;
    }

    private static boolean isCifs(String fstype) {
        return fstype.equals("cifs") || fstype.equals("smb3");
    }

    /** Exact, or the kernel's two names for CIFS, or "mergerfs" for what findmnt calls "fuse.mergerfs". */
    private static boolean sameType(String want, String found) {
        return want.equals(found) || isCifs(want) && isCifs(found) || found.equals("fuse." + want);
    }
}
