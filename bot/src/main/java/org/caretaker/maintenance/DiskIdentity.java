package org.caretaker.maintenance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;

/**
 * One physical disk of an array, under every name it goes by: SnapRAID's disk name, the mount point (which is
 * also its MergerFS branch), the block device, the drive's model and serial. SnapRAID says "d3", SMART says
 * "/dev/sdc", the person at the server reads a serial off a label; a finding that names all three saves pulling
 * the wrong drive.
 *
 * @param name    SnapRAID's name ({@code d3}) or the device when it is not in the array
 * @param branch  the directory SnapRAID uses, and MergerFS pools, e.g. {@code /mnt/disk3}
 * @param mounted a filesystem is mounted at {@code branch}; false when the directory is an empty mount point
 * @param device  the mounted block device, e.g. {@code /dev/sdc1}; empty when not mounted
 * @param model   the drive's model, or empty
 * @param serial  the drive's serial number, or empty (loop devices and some USB bridges have none)
 */
public record DiskIdentity(String name, String branch, boolean mounted, String device, String model, String serial) {
    private static final Pattern PAIR = Pattern.compile("([A-Z]+)=\"([^\"]*)\"");

    /** "d3 = WDC WD40EFRX serial WD-123, /dev/sdc1, branch /mnt/disk3" or "d3 = not mounted, branch /mnt/disk3". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!mounted) {
            parts.add("not mounted");
        } else {
            String drive = (model + (serial.isEmpty() ? "" : " serial " + serial)).strip();
            if (!drive.isEmpty()) {
                parts.add(drive);
            }
            parts.add(device);
        }
        parts.add("branch " + branch);
        return name + " = " + String.join(", ", parts);
    }

    /**
     * Reads the identity of every data disk of the array: {@code findmnt} for what is mounted at each branch,
     * one {@code lsblk} for every device's model, serial and parent disk.
     */
    public static Map<String, DiskIdentity> read(Executor exec, SnapraidConf conf) throws ExecException, InterruptedException {
        Map<String, Map<String, String>> devices = new HashMap<>();
        CommandOutput ls = exec.run(Command.of("lsblk", "-P", "-o", "NAME,PATH,PKNAME,SERIAL,MODEL"));
        if (ls.exitCode() == 0) {
            for (String line : ls.stdout().split("\n")) {
                Map<String, String> row = pairs(line);
                if (row.containsKey("PATH")) {
                    devices.put(row.get("PATH"), row);
                }
            }
        }
        Map<String, DiskIdentity> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : conf.data().entrySet()) {
            String branch = d.getValue().length() > 1 && d.getValue().endsWith("/")
                    ? d.getValue().substring(0, d.getValue().length() - 1) : d.getValue();
            CommandOutput fm = exec.run(Command.of("findmnt", "-n", "-P", "-o", "SOURCE,TARGET", "-T", branch));
            Map<String, String> m = pairs(fm.stdout().strip());
            boolean mounted = fm.exitCode() == 0 && branch.equals(m.get("TARGET"));
            String device = mounted ? m.getOrDefault("SOURCE", "") : "";
            Map<String, String> row = devices.getOrDefault(device, Map.of());
            Map<String, String> disk = Optional.ofNullable(row.get("PKNAME")).filter(p -> !p.isEmpty())
                    .map(p -> devices.getOrDefault("/dev/" + p, row)).orElse(row);
            out.put(d.getKey(), new DiskIdentity(d.getKey(), branch, mounted, device,
                    disk.getOrDefault("MODEL", "").strip(), disk.getOrDefault("SERIAL", "").strip()));
        }
        return out;
    }

    static Map<String, String> pairs(String line) {
        Map<String, String> out = new HashMap<>();
        Matcher m = PAIR.matcher(line);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
