package org.caretaker.discover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.check.mounts.FindmntParser;
import org.caretaker.check.mounts.MountEntry;
import org.caretaker.check.smart.ScannedDevice;
import org.caretaker.check.smart.SmartctlJsonParser;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;

/**
 * Finds out what a host runs, read-only, with fixed commands only: nothing here is built from what a user
 * typed, and nothing writes to the host. A tool that is not installed (exit 127, "not found") just means the
 * host does not run it. Only a host that cannot be reached at all ends discovery with an {@link ExecException}.
 */
public final class Discovery {
    private static final Duration QUICK = Duration.ofSeconds(15);
    /** Root-needing tools, as checks run them (their sudoers rule names them). */
    static final List<String> ROOT_TOOLS = List.of("smartctl", "zpool", "snapraid", "docker", "pvesh", "k3s");

    private static final Command ID = Command.of("id", "-u");
    private static final Command SYSTEMD = Command.of("test", "-d", "/run/systemd/system");
    private static final Command ZPOOLS = Command.of("zpool", "list", "-H", "-o", "name").withTimeout(QUICK);
    private static final Command SNAPRAID_CONF = Command.of("cat", "/etc/snapraid.conf");
    private static final Command FSTAB = Command.of("cat", "/etc/fstab");
    private static final Command FINDMNT = Command.of("findmnt", "-J", "-o", "TARGET,SOURCE,FSTYPE,OPTIONS");
    private static final List<String> SMART_SCAN = List.of("smartctl", "--scan", "-j");
    private static final List<String> DOCKER_PS = List.of("docker", "ps", "--format", "{{.Names}}");
    private static final Command K3S = Command.of("test", "-d", "/var/lib/rancher/k3s");
    private static final Command K3S_SERVER = Command.of("test", "-d", "/var/lib/rancher/k3s/server");
    private static final Command PVESH = Command.of("test", "-x", "/usr/bin/pvesh");
    private static final Command PROMETHEUS = Command.script("prometheus-ready",
            "curl -fsS -m 5 http://127.0.0.1:9090/-/ready >/dev/null 2>&1 || wget -q -T 5 -O /dev/null http://127.0.0.1:9090/-/ready");
    private static final Map<String, Command> PRESENT = presence();

    private Discovery() {
    }

    private static Map<String, Command> presence() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (String tool : ROOT_TOOLS) {
            // Fixed names, looked up the way sudo's secure_path and the checks will find them.
            m.put(tool, Command.script("which-" + tool, "command -v " + tool));
        }
        return m;
    }

    public static Discovered run(Executor host) throws ExecException, InterruptedException {
        List<String> notes = new ArrayList<>();
        CommandOutput id = run(host, ID);
        boolean root = id.exitCode() == 0 && id.stdout().strip().equals("0");
        boolean systemd = ok(host, SYSTEMD);

        Map<String, Boolean> sudo = new TreeMap<>();
        for (Map.Entry<String, Command> t : PRESENT.entrySet()) {
            if (!ok(host, t.getValue())) {
                continue;
            }
            if (!root) {
                boolean allowed = ok(host, Command.of("sudo", "-n", "-l", t.getKey()));
                sudo.put(t.getKey(), allowed);
                if (!allowed) {
                    notes.add("sudo -n does not allow " + t.getKey() + ": add it to /etc/sudoers.d/caretaker, or checks that need root will fail");
                }
            } else {
                sudo.put(t.getKey(), true);
            }
        }
        boolean useSudo = !root && sudo.containsValue(true);

        List<String> pools = new ArrayList<>();
        CommandOutput zp = run(host, ZPOOLS);
        if (zp.exitCode() == 0) {
            zp.stdout().lines().map(String::strip).filter(s -> s.matches("[A-Za-z0-9][A-Za-z0-9_.:-]*")).forEach(pools::add);
        }

        Optional<SnapraidConf> snapraid = Optional.empty();
        CommandOutput sc = run(host, SNAPRAID_CONF);
        if (sc.exitCode() == 0) {
            snapraid = Optional.of(SnapraidConf.parse(sc.stdout()));
        }

        List<MountEntry> mounted = List.of();
        CommandOutput fm = run(host, FINDMNT);
        if (fm.exitCode() == 0) {
            try {
                mounted = FindmntParser.parse(fm.stdout());
            } catch (UnparseableOutputException e) {
                notes.add("findmnt printed something that could not be read: " + e.getMessage());
            }
        }
        CommandOutput fs = run(host, FSTAB);
        List<FstabEntry> fstab = fs.exitCode() == 0 ? FstabEntry.parse(fs.stdout()) : List.of();

        List<String> disks = new ArrayList<>();
        if (sudo.containsKey("smartctl")) {
            CommandOutput scan = run(host, maybeSudo(SMART_SCAN, useSudo && sudo.get("smartctl")));
            if (scan.exitCode() == 0 || !scan.stdout().isBlank()) {
                try {
                    for (ScannedDevice d : SmartctlJsonParser.scan(scan.stdout())) {
                        disks.add(d.subject());
                    }
                } catch (UnparseableOutputException e) {
                    notes.add("smartctl --scan printed something that could not be read: " + e.getMessage());
                }
            }
        }

        boolean docker = false;
        List<String> containers = new ArrayList<>();
        if (sudo.containsKey("docker")) {
            CommandOutput ps = run(host, maybeSudo(DOCKER_PS, false));
            if (ps.exitCode() != 0 && useSudo && sudo.get("docker")) {
                ps = run(host, maybeSudo(DOCKER_PS, true));
            }
            docker = ps.exitCode() == 0;
            if (docker) {
                ps.stdout().lines().map(String::strip).filter(s -> s.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")).sorted().forEach(containers::add);
            } else {
                notes.add("docker is installed but docker ps failed: " + firstLine(ps.combined()));
            }
        }
        boolean k3s = ok(host, K3S);
        boolean k3sServer = k3s && ok(host, K3S_SERVER);
        boolean proxmox = ok(host, PVESH);
        boolean prometheus = ok(host, PROMETHEUS);
        return new Discovered(root, systemd, pools, snapraid, mounted, fstab, disks, docker, containers, k3s, k3sServer,
                proxmox, prometheus, sudo, notes);
    }

    private static Command maybeSudo(List<String> argv, boolean sudo) {
        List<String> a = new ArrayList<>();
        if (sudo) {
            a.addAll(List.of("sudo", "-n"));
        }
        a.addAll(argv);
        return Command.of(a).withTimeout(QUICK).withLabel(argv.get(0));
    }

    private static boolean ok(Executor host, Command c) throws ExecException, InterruptedException {
        return run(host, c).exitCode() == 0;
    }

    /**
     * Runs one command; a command that could not start or finish counts as "not found" (exit 127), so one
     * missing or hanging tool never ends discovery. A host that cannot be reached still does.
     */
    private static CommandOutput run(Executor host, Command c) throws ExecException, InterruptedException {
        try {
            return host.run(c);
        } catch (ExecException e) {
            if (e.kind().hostLevel()) {
                throw e;
            }
            return new CommandOutput(127, "", c.label() + ": " + e.getMessage(), Duration.ZERO, false);
        }
    }

    private static String firstLine(String s) {
        String l = s.strip().lines().findFirst().orElse("");
        return l.length() > 160 ? l.substring(0, 160) + "…" : l;
    }
}
