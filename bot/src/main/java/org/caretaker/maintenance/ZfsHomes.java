package org.caretaker.maintenance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.zfs.PoolStatus;
import org.caretaker.check.zfs.Vdev;
import org.caretaker.check.zfs.ZpoolStatusParser;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;

/**
 * Where each disk of a ZFS host sits: "pool tank, mirror-0". SMART names a disk {@code /dev/sdb}; ZFS names
 * the same disk by the vdev it belongs to. {@code zpool status -LP} prints every device as its real path
 * ({@code /dev/sdb1}), and {@code lsblk} gives the whole disk a partition belongs to.
 */
final class ZfsHomes {
    private ZfsHomes() {
    }

    /** Disk path → its place in a pool; empty when the host has no pool or the commands fail. */
    static Map<String, String> read(Executor exec) throws ExecException, InterruptedException {
        CommandOutput st = exec.run(Command.of("zpool", "status", "-LP"));
        CommandOutput ls = exec.run(Command.of("lsblk", "-P", "-o", "PATH,PKNAME"));
        if (st.exitCode() != 0) {
            return Map.of();
        }
        try {
            return homes(ZpoolStatusParser.parse(st.stdout()), ls.exitCode() == 0 ? ls.stdout() : "");
        } catch (UnparseableOutputException e) {
            return Map.of();
        }
    }

    /** Pure: the pools' device rows, keyed by the device and by the whole disk it is a partition of. */
    static Map<String, String> homes(List<PoolStatus> pools, String lsblk) {
        Map<String, String> parent = new HashMap<>();
        for (String line : lsblk.split("\n")) {
            Map<String, String> row = DiskIdentity.pairs(line);
            String pk = row.getOrDefault("PKNAME", "");
            if (row.containsKey("PATH") && !pk.isEmpty()) {
                parent.put(row.get("PATH"), "/dev/" + pk);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (PoolStatus p : pools) {
            String top = "";
            for (Vdev v : p.vdevs()) {
                if (v.depth() == 0) {
                    continue;
                }
                if (!v.name().startsWith("/")) {
                    top = v.depth() == 1 ? v.name() : top;
                    continue;
                }
                String where = "pool " + p.name() + (v.depth() > 1 && !top.isEmpty() ? ", " + top : "")
                        + (v.group().equals(Vdev.DATA) ? "" : " (" + v.group() + ")");
                out.put(v.name(), where);
                String disk = parent.get(v.name());
                if (disk != null) {
                    out.putIfAbsent(disk, where);
                }
            }
        }
        return out;
    }
}
