package org.caretaker.discover;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.mounts.MountEntry;

/**
 * What the discovery commands found on a host, before any judgement about tags or expectations. A tool the host
 * does not have is simply absent here ({@code pools} empty, {@code docker} false), never an error.
 *
 * @param root       logged in as uid 0, so nothing needs {@code sudo}
 * @param systemd    the host booted with systemd ({@code /run/systemd/system} exists)
 * @param mounted    the mount table as {@code findmnt} prints it
 * @param disks      what {@code smartctl --scan} lists; empty without smartctl or without disks
 * @param sudo       each root-needing tool found → whether {@code sudo -n} may run it
 * @param notes      one sentence per thing worth telling that is not a fact above (an output that could not
 *                   be read, a tool sudo refuses)
 */
public record Discovered(
        boolean root,
        boolean systemd,
        List<String> pools,
        Optional<SnapraidConf> snapraid,
        List<MountEntry> mounted,
        List<FstabEntry> fstab,
        List<String> disks,
        boolean docker,
        List<String> containers,
        boolean k3s,
        boolean k3sServer,
        boolean proxmox,
        boolean prometheus,
        Map<String, Boolean> sudo,
        List<String> notes) {

    public Discovered {
        pools = List.copyOf(pools);
        mounted = List.copyOf(mounted);
        fstab = List.copyOf(fstab);
        disks = List.copyOf(disks);
        containers = List.copyOf(containers);
        sudo = Map.copyOf(sudo);
        notes = List.copyOf(notes);
    }
}
