package org.caretaker.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.caretaker.check.mounts.MountEntry;
import org.caretaker.config.Args;
import org.caretaker.config.HostConfig;
import org.caretaker.config.MountExpectation;

/**
 * The tags and expectations Caretaker proposes for a host from what {@link Discovery} found: every check that
 * applies by these tags has what it needs, and every check that would only say "I don't know" is left out.
 * Pure: a {@link Discovered} in, a proposal out.
 *
 * @param tags      sorted; besides the roles, {@code no-systemd} (failed-units does not apply) and
 *                  {@code no-smart} (a VM whose disks SMART cannot read, though a role implies SMART)
 * @param sudo      the login is not root and {@code sudo -n} runs the root-needing tools found
 * @param found     one line per thing found, for people: why each tag and expectation is there
 */
public record Proposal(Set<String> tags, boolean sudo, List<MountExpectation> mounts, List<String> pools, List<String> disks,
                       List<String> containers, List<String> found, List<String> notes) {

    private static final Set<String> NETWORK = Set.of("cifs", "smb3", "nfs", "nfs4");
    /** Tags with which the smart check applies even without expect.disks. */
    private static final Set<String> SMART_BY_ROLE = Set.of("proxmox", "zfs", "snapraid");

    public Proposal {
        tags = new TreeSet<>(tags);
        mounts = List.copyOf(mounts);
        pools = List.copyOf(pools);
        disks = List.copyOf(disks);
        containers = List.copyOf(containers);
        found = List.copyOf(found);
        notes = List.copyOf(notes);
    }

    public static Proposal of(Discovered d) {
        Set<String> tags = new TreeSet<>();
        List<String> found = new ArrayList<>();
        found.add(d.systemd() ? "systemd: yes" : "systemd: no (tag no-systemd: failed-units does not apply)");
        if (!d.systemd()) {
            tags.add("no-systemd");
        }
        if (!d.pools().isEmpty()) {
            tags.add("zfs");
            found.add("ZFS pools: " + String.join(", ", d.pools()));
        }
        Map<String, MountExpectation> mounts = new TreeMap<>();
        d.snapraid().ifPresent(conf -> {
            tags.add("snapraid");
            found.add("SnapRAID: /etc/snapraid.conf with " + conf.disks().size() + " data disk(s) ("
                    + String.join(", ", conf.disks().stream().map(x -> x.name() + " " + x.dir()).toList()) + "), "
                    + conf.parity().size() + " parity file(s), content files " + String.join(", ", conf.content()));
            List<String> paths = new ArrayList<>();
            conf.disks().forEach(x -> paths.add(x.dir()));
            paths.addAll(conf.parity());
            paths.addAll(conf.content());
            for (String p : paths) {
                MountEntry m = mountHolding(d.mounted(), p);
                if (m != null && !m.target().equals("/")) {
                    add(mounts, m.target(), m.fstype());
                } else {
                    FstabEntry f = fstabHolding(d.fstab(), p);
                    if (f != null && !f.target().equals("/")) {
                        add(mounts, f.target(), fstype(f.fstype()));
                    }
                }
            }
        });
        for (MountEntry m : d.mounted()) {
            if (m.fstype().equals("fuse.mergerfs") || NETWORK.contains(m.fstype())) {
                add(mounts, m.target(), m.fstype());
            }
        }
        for (FstabEntry f : d.fstab()) {
            String t = fstype(f.fstype());
            if (t.equals("fuse.mergerfs") || NETWORK.contains(t)) {
                add(mounts, f.target(), t);
            }
        }
        if (!mounts.isEmpty()) {
            found.add("mounts: " + String.join(", ", mounts.values().stream().map(m -> m.path() + " (" + m.fstype() + ")").toList()));
        }
        List<String> disks = new ArrayList<>();
        for (String disk : d.disks()) {
            // A disk behind a controller port needs its -d type, which expect.disks cannot carry: the check's
            // own scan finds it.
            if (Args.isDevice(disk)) {
                disks.add(disk);
            }
        }
        if (!d.disks().isEmpty()) {
            found.add("disks for SMART: " + String.join(", ", d.disks()));
            if (tags.stream().noneMatch(SMART_BY_ROLE::contains) && !d.proxmox()) {
                tags.add("smart");
            }
        }
        if (d.docker()) {
            tags.add("docker");
            found.add("Docker: " + (d.containers().isEmpty() ? "no running containers" : "running " + String.join(", ", d.containers())));
        }
        if (d.k3s()) {
            tags.add("k3s");
            found.add("k3s: " + (d.k3sServer() ? "server" : "agent"));
            if (d.k3sServer()) {
                tags.add("k3s-server");
            }
        }
        if (d.proxmox()) {
            tags.add("proxmox");
            found.add("Proxmox: pvesh");
        }
        if (d.prometheus()) {
            tags.add("monitoring");
            found.add("Prometheus: answering on 127.0.0.1:9090");
        }
        if (d.disks().isEmpty() && (tags.stream().anyMatch(SMART_BY_ROLE::contains))) {
            tags.add("no-smart");
            found.add("disks for SMART: none found (tag no-smart: read SMART where the disks are attached, e.g. the hypervisor)");
        }
        boolean sudo = !d.root() && d.sudo().containsValue(true);
        if (!d.root() && !d.sudo().isEmpty()) {
            found.add("sudo -n: " + String.join(", ", new TreeMap<>(d.sudo()).entrySet().stream()
                    .map(e -> e.getKey() + (e.getValue() ? " allowed" : " refused")).toList()));
        }
        return new Proposal(tags, sudo, List.copyOf(mounts.values()), d.pools().stream().sorted().toList(), disks,
                d.containers().stream().sorted().toList(), found, d.notes());
    }

    private static void add(Map<String, MountExpectation> mounts, String path, String fstype) {
        if (Args.isAbsolutePath(path) && !mounts.containsKey(path)) {
            mounts.put(path, new MountExpectation(path, fstype.matches("[a-z0-9._-]+") ? fstype : ""));
        }
    }

    /** fstab may say {@code mergerfs}; the mount table says {@code fuse.mergerfs}. */
    private static String fstype(String fstab) {
        return fstab.equals("mergerfs") ? "fuse.mergerfs" : fstab;
    }

    private static MountEntry mountHolding(List<MountEntry> table, String path) {
        MountEntry best = null;
        for (MountEntry m : table) {
            if (under(path, m.target()) && (best == null || m.target().length() >= best.target().length())) {
                best = m;
            }
        }
        return best;
    }

    private static FstabEntry fstabHolding(List<FstabEntry> fstab, String path) {
        FstabEntry best = null;
        for (FstabEntry f : fstab) {
            if (f.target().startsWith("/") && under(path, f.target()) && (best == null || f.target().length() > best.target().length())) {
                best = f;
            }
        }
        return best;
    }

    private static boolean under(String path, String mountPoint) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return mountPoint.equals("/") || p.equals(mountPoint) || p.startsWith(mountPoint + "/");
    }

    /**
     * The YAML lines of a host entry with these tags and expectations, the item's dash at {@code indent}
     * spaces; {@code connection} holds the keys before {@code tags} (name first), already formatted as
     * {@code key: value}.
     */
    public List<String> yaml(List<String> connection, int indent) {
        String dash = " ".repeat(indent) + "- ";
        String in = " ".repeat(indent + 2);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < connection.size(); i++) {
            out.add((i == 0 ? dash : in) + connection.get(i));
        }
        if (sudo) {
            out.add(in + "sudo: true");
        }
        out.add(in + "tags: [" + String.join(", ", tags) + "]");
        if (mounts.isEmpty() && pools.isEmpty() && disks.isEmpty() && containers.isEmpty()) {
            return out;
        }
        out.add(in + "expect:");
        String in2 = in + "  ";
        if (!mounts.isEmpty()) {
            out.add(in2 + "mounts:");
            for (MountExpectation m : mounts) {
                out.add(in2 + "  - " + (m.fstype().isEmpty() ? m.path() : "{path: " + m.path() + ", fstype: " + m.fstype() + "}"));
            }
        }
        if (!pools.isEmpty()) {
            out.add(in2 + "pools: [" + String.join(", ", pools) + "]");
        }
        if (!disks.isEmpty()) {
            out.add(in2 + "disks: [" + String.join(", ", disks) + "]");
        }
        if (!containers.isEmpty()) {
            out.add(in2 + "containers: [" + String.join(", ", containers) + "]");
        }
        return out;
    }

    /**
     * What differs between this proposal and a configured host, one line each: {@code +} found now but not
     * configured, {@code -} configured but not found now. Empty when nothing changed.
     */
    public List<String> changesSince(HostConfig configured) {
        List<String> out = new ArrayList<>();
        compare(out, "tag", configured.tags(), tags);
        compare(out, "pool", configured.expect().pools(), pools);
        compare(out, "mount", configured.expect().mounts().stream().map(MountExpectation::path).toList(),
                mounts.stream().map(MountExpectation::path).toList());
        compare(out, "disk", configured.expect().disks(), disks);
        compare(out, "container", configured.expect().containers(), containers);
        if (configured.sudo() != sudo) {
            out.add((sudo ? "+ sudo: true" : "- sudo: true") + (sudo ? " (sudo -n now works for the root-needing tools)" : " (sudo -n no longer needed or no longer allowed)"));
        }
        return out;
    }

    private static void compare(List<String> out, String what, java.util.Collection<String> configured, java.util.Collection<String> now) {
        for (String s : new TreeSet<>(now)) {
            if (!configured.contains(s)) {
                out.add("+ " + what + " " + s + " (found now, not in the configuration)");
            }
        }
        for (String s : new TreeSet<>(configured)) {
            if (!now.contains(s)) {
                out.add("- " + what + " " + s + " (in the configuration, not found now)");
            }
        }
    }
}
