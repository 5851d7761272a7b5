package org.caretaker.check.kernel;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Severity;

/**
 * The kinds of kernel message that each get a finding of their own besides the original five, with the severity
 * the runbook section of the same name explains. A family is one pattern over the messages; its severity may
 * depend on what was matched (a corrected memory error is a warning, an uncorrected one is not).
 */
final class KernelFamilies {

    /**
     * @param subject   finding subject and runbook anchor, e.g. {@code conntrack-full}
     * @param pattern   what a message of this family contains
     * @param one       noun for one message, many for more
     * @param metric    metric name of the count
     * @param critical  which matched messages make the finding CRIT; the others make it WARN
     * @param describe  how the latest message is shown
     */
    record Family(String subject, Pattern pattern, String one, String many, String metric,
            Predicate<String> critical, Function<String, String> describe) {

        Severity severity(List<String> hits) {
            return hits.stream().anyMatch(critical) ? Severity.CRIT : Severity.WARN;
        }

        String describe(String latest) {
            return describe.apply(latest);
        }
    }

    private static final Pattern DEVICE = Pattern.compile("\\((?:device )?([\\w.:-]+)\\)");
    private static final Pattern SERVER = Pattern.compile("(?i)server (\\S+?)(?:,)? (?:not responding|has not responded)");
    private static final Pattern NVME = Pattern.compile("\\b(nvme\\d+)\\b");
    private static final Pattern SCSI = Pattern.compile("\\[(sd[a-z]+)\\]|\\b(sd \\d+:\\d+:\\d+:\\d+)");

    private static final Pattern THERMAL = Pattern.compile(
            "(?i)(?:core|package) temperature above threshold|critical temperature reached");
    private static final Pattern EDAC = Pattern.compile(
            "\\bEDAC (?!DEBUG)\\S+.*\\b(?:CE|UE)\\b|\\bEDAC\\b.*\\b(?:Corrected|Uncorrected|corrected|uncorrected) (?:memory )?error");

    static final List<Family> ALL = List.of(
            new Family("conntrack-full", Pattern.compile("\\b(?:nf|ip)_conntrack: table full"),
                    "conntrack table-full message", "conntrack table-full messages", "conntrack_full",
                    m -> true, m -> Excerpt.of(m, 100)),
            new Family("read-only-remount", Pattern.compile(
                    "(?i)remounting filesystem read-only|\\bforced readonly|switching to read-only"
                            + "|XFS \\([^)]*\\): (?:Corruption of in-memory data detected|.*Shutting down filesystem)"),
                    "read-only remount", "read-only remounts", "read_only_remounts",
                    m -> true, KernelFamilies::onDevice),
            new Family("filesystem-errors", Pattern.compile(
                    "EXT4-fs error|EXT4-fs \\([^)]*\\): (?:error count since last fsck|initial error|last error)"
                            + "|XFS \\([^)]*\\): (?:Metadata corruption detected|Unmount and run xfs_repair|metadata I/O error|Internal error)"
                            + "|BTRFS (?:error|critical) \\(|BTRFS: error \\(|BTRFS warning \\([^)]*\\): (?:csum failed|checksum error)"),
                    "filesystem error message", "filesystem error messages", "filesystem_errors",
                    m -> true, KernelFamilies::onDevice),
            new Family("network-filesystems", Pattern.compile(
                    "(?i)\\bnfs: server \\S+ not responding|\\bCIFS:? VFS: .*has not responded in \\d+ seconds|\\bcifs_mount failed"),
                    "network filesystem timeout", "network filesystem timeouts", "network_fs_timeouts",
                    m -> false, KernelFamilies::onServer),
            new Family("nvme-resets", Pattern.compile(
                    "\\bnvme nvme\\d+: (?:I/O \\d+ QID \\d+ timeout|controller is down|Device not ready; aborting reset"
                            + "|Removing after probe failure|resetting controller|Disabling device after reset failure)"),
                    "NVMe timeout or reset", "NVMe timeouts and resets", "nvme_resets",
                    m -> m.contains("Removing after probe failure") || m.contains("Disabling device after reset failure"),
                    m -> on(NVME, m)),
            new Family("scsi-aborts", Pattern.compile("(?i)attempting task abort|task abort: FAILED|\\babort command issued"),
                    "SCSI task abort", "SCSI task aborts", "scsi_aborts",
                    m -> m.contains("FAILED"), m -> on(SCSI, m)),
            new Family("memory-errors", EDAC,
                    "EDAC memory error report", "EDAC memory error reports", "memory_errors",
                    m -> m.matches(".*\\bUE\\b.*") || m.toLowerCase(java.util.Locale.ROOT).contains("uncorrected"),
                    m -> Excerpt.of(m, 100)),
            new Family("thermal-throttling", THERMAL,
                    "thermal throttling message", "thermal throttling messages", "thermal_throttling",
                    m -> m.toLowerCase(java.util.Locale.ROOT).contains("critical temperature reached"),
                    m -> Excerpt.of(m, 100)),
            new Family("soft-lockups", Pattern.compile("soft lockup - CPU#\\d+ stuck for \\d+s|hard LOCKUP"),
                    "CPU lockup", "CPU lockups", "cpu_lockups",
                    m -> m.contains("hard LOCKUP"), m -> Excerpt.of(m, 100)),
            new Family("rcu-stalls", Pattern.compile("\\brcu_\\w+ (?:self-)?detected stalls?\\b|\\brcu: INFO: .*detected stall"),
                    "RCU stall", "RCU stalls", "rcu_stalls",
                    m -> false, m -> Excerpt.of(m, 100)));

    private KernelFamilies() {
    }

    /** Whether a message belongs to one of the families: pasted lines without a timestamp are still judged then. */
    static boolean known(String message) {
        return ALL.stream().anyMatch(f -> f.pattern().matcher(message).find());
    }

    /** Thermal events and corrected memory errors are what most "Machine check events logged" lines announce. */
    static boolean explainsMachineCheck(String message) {
        return THERMAL.matcher(message).find() || EDAC.matcher(message).find();
    }

    private static String onDevice(String message) {
        Matcher d = DEVICE.matcher(message);
        return (d.find() ? "on " + d.group(1) + ": " : "") + Excerpt.of(message, 100);
    }

    private static String onServer(String message) {
        Matcher s = SERVER.matcher(message);
        return (s.find() ? "from server " + s.group(1) + ": " : "") + Excerpt.of(message, 100);
    }

    private static String on(Pattern device, String message) {
        Matcher d = device.matcher(message);
        if (d.find()) {
            String name = d.group(1) != null ? d.group(1) : d.groupCount() > 1 && d.group(2) != null ? d.group(2) : "";
            if (!name.isEmpty()) {
                return "on " + name + ": " + Excerpt.of(message, 100);
            }
        }
        return Excerpt.of(message, 100);
    }
}
