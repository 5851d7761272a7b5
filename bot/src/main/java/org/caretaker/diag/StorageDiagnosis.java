package org.caretaker.diag;

import java.util.ArrayList;
import java.util.List;
import org.caretaker.check.Check;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.mounts.MountsCheck;
import org.caretaker.check.smart.SmartCheck;
import org.caretaker.check.snapraid.SnapraidCheck;
import org.caretaker.check.zfs.ZfsPoolsCheck;
import org.caretaker.exec.Command;
import org.caretaker.exec.ExecException;

/**
 * {@code /diag storage}: every storage check that applies to the host (mounts and MergerFS branches, ZFS
 * pools, SnapRAID, SMART) run now, plus what no check judges on a schedule: the network and pooled
 * filesystems mounted right now and the state of every automount unit (a CIFS share whose automount failed
 * looks like an empty directory).
 */
public final class StorageDiagnosis {
    public static final String CHECK = "diag-storage";
    static final String FILESYSTEMS = "filesystems";
    static final String AUTOMOUNTS = "automounts";
    static final String CIFS = "runbook/mounts#cifs-automount";
    static final String MERGERFS = "runbook/mounts#mergerfs-down";

    private StorageDiagnosis() {
    }

    static List<Finding> gather(Gathering g) throws ExecException, InterruptedException {
        List<Finding> out = new ArrayList<>();
        for (Check c : List.<Check>of(new MountsCheck(), new ZfsPoolsCheck(), new SnapraidCheck(), new SmartCheck())) {
            if (c.runsOn(g.host())) {
                out.addAll(g.run(c));
            } else {
                Findings f = new Findings(c.id(), g.host().name());
                f.ok("-", c.id() + " is not configured for " + g.host().name() + " (see its tags and expect: section)");
                out.addAll(f.list());
            }
        }
        g.ask(FILESYSTEMS, Command.of("findmnt", "-rn", "-t", "cifs,smb3,nfs,nfs4,fuse.mergerfs,zfs,autofs",
                "-o", "TARGET,SOURCE,FSTYPE,OPTIONS"), "findmnt");
        g.ask(AUTOMOUNTS, Command.of("systemctl", "list-units", "--type=automount", "--all", "--no-pager", "--plain",
                "--no-legend"), "systemctl");
        return out;
    }

    /** Judges the sections no reused check reads. */
    public static List<Finding> analyze(Bundle b) {
        Findings f = new Findings(CHECK, b.host());
        b.section(FILESYSTEMS).ifPresent(s -> {
            if (!s.note().isEmpty()) {
                Gathering.reportMissing(s, f, "the mounted filesystems");
                return;
            }
            List<String> lines = s.stdout().lines().filter(l -> !l.isBlank()).toList();
            long mergerfs = lines.stream().filter(l -> l.contains(" fuse.mergerfs ")).count();
            long network = lines.stream().filter(l -> l.matches("\\S+ \\S+ (cifs|smb3|nfs|nfs4) .*")).count();
            f.ok("filesystems", lines.size() + " network, pooled or ZFS filesystems mounted (" + mergerfs + " MergerFS, "
                    + network + " network)").metric("mounted", lines.size()).runbook(MERGERFS);
        });
        b.section(AUTOMOUNTS).ifPresent(s -> {
            if (!s.note().isEmpty() || s.exitCode() != 0) {
                Gathering.reportMissing(s, f, "the automount units");
                return;
            }
            int units = 0;
            for (String line : s.stdout().lines().toList()) {
                String[] p = line.strip().split("\\s+", 5);
                if (p.length < 4 || !p[0].endsWith(".automount")) {
                    continue;
                }
                units++;
                if (p[2].equals("failed")) {
                    f.crit(p[0], p[0] + " failed: its share is not mounted on access, and the directory looks empty")
                            .runbook(CIFS);
                } else if (!p[2].equals("active")) {
                    f.warn(p[0], p[0] + " is " + p[2] + "/" + p[3] + ": " + Excerpt.of(line, 100)).runbook(CIFS);
                }
            }
            if (units > 0 && f.list().stream().noneMatch(x -> x.subject().endsWith(".automount"))) {
                f.ok("automounts", units + " automount unit" + (units == 1 ? "" : "s") + ", all active").runbook(CIFS);
            } else if (units == 0) {
                f.ok("automounts", "no automount units").runbook(CIFS);
            }
        });
        return f.list();
    }
}
