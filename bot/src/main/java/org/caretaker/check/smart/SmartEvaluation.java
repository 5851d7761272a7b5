package org.caretaker.check.smart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.caretaker.check.Findings;
import org.caretaker.check.Numbers;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.Verdict;

/**
 * Judges one disk's {@link SmartReport}: one finding per disk, its message naming the disk and everything
 * wrong with it, its severity and runbook anchor those of the worst problem.
 *
 * <p>Severities, and why: a failed health self-assessment, an attribute failing now, pending (197) or offline
 * uncorrectable (198) sectors are CRIT, because data on the disk is at risk now. Reallocated sectors (5) are
 * WARN, and CRIT from {@code reallocated-crit} on or when the count grew since the last run (a disk that
 * keeps reallocating is failing). Other error counters (10, 184, 187, 188, 196, 199, 201), SCSI grown defects,
 * NVMe media errors, failed self-tests and a non-empty ATA error log are WARN. Counters are judged by
 * {@link SmartAttribute#count()}, never by the packed raw value.
 */
final class SmartEvaluation {
    static final String HEALTH = "runbook/smart#health-failed";
    static final String REALLOCATED = "runbook/smart#reallocated-sectors";
    static final String PENDING = "runbook/smart#pending-sectors";
    static final String UNCORRECTABLE = "runbook/smart#uncorrectable-sectors";
    static final String CRC = "runbook/smart#crc-errors";
    static final String TIMEOUTS = "runbook/smart#command-timeouts";
    static final String NVME_CRITICAL = "runbook/smart#nvme-critical-warning";
    static final String NVME_MEDIA = "runbook/smart#nvme-media-errors";
    static final String NVME_WEAR = "runbook/smart#nvme-wear";
    static final String TEMPERATURE = "runbook/smart#temperature";
    static final String EXIT_STATUS = "runbook/smart#smartctl-exit-status";
    static final String SELF_TEST = "runbook/smart#self-test-failed";

    /** A metric of the previous run, to tell a growing counter from an old one. */
    @FunctionalInterface
    interface Previous {
        Previous NONE = (subject, metric) -> OptionalDouble.empty();

        OptionalDouble metric(String subject, String metric);
    }

    /** An error counter worth watching: ATA id, metric name, what it counts, severity when non-zero, anchor. */
    private record Watched(int id, String metric, String noun, Severity severity, String runbook) {
    }

    private static final List<Watched> WATCHED = List.of(
            new Watched(5, "reallocated_sectors", "reallocated sector", Severity.WARN, REALLOCATED),
            new Watched(196, "reallocated_events", "reallocation event", Severity.WARN, REALLOCATED),
            new Watched(197, "pending_sectors", "pending sector", Severity.CRIT, PENDING),
            new Watched(198, "offline_uncorrectable", "offline uncorrectable sector", Severity.CRIT, UNCORRECTABLE),
            new Watched(187, "reported_uncorrect", "reported uncorrectable error", Severity.WARN, UNCORRECTABLE),
            new Watched(184, "end_to_end_errors", "end-to-end error", Severity.WARN, UNCORRECTABLE),
            new Watched(201, "soft_read_errors", "soft read error", Severity.WARN, UNCORRECTABLE),
            new Watched(10, "spin_retries", "spin retry", Severity.WARN, HEALTH),
            new Watched(188, "command_timeouts", "command timeout", Severity.WARN, TIMEOUTS),
            new Watched(199, "crc_errors", "CRC error", Severity.WARN, CRC));

    private SmartEvaluation() {
    }

    static void evaluate(SmartReport r, String subject, Thresholds t, Findings f, Previous previous) {
        String who = who(r, subject);
        ExitStatus exit = new ExitStatus(r.exitStatus().orElse(0));
        if (exit.fatal() || !r.hasData()) {
            String status = r.exitStatus().isPresent() ? " (" + exit.describe() + ")" : "";
            String said = r.messages().isEmpty() ? "" : ": " + String.join("; ", r.messages());
            Findings.Draft d = f.unknown(subject, who + ": smartctl could not read SMART data" + status + said)
                    .runbook(EXIT_STATUS);
            r.exitStatus().ifPresent(e -> d.metric("exit_status", e));
            return;
        }
        Verdict v = new Verdict();
        if (r.health() == SmartReport.Health.FAILED) {
            v.add(Severity.CRIT, "SMART health FAILED", HEALTH);
        }
        attributes(r, subject, t, v, previous);
        nvme(r, t, v);
        r.grownDefects().ifPresent(g -> {
            v.metric("grown_defects", g);
            if (g > 0) {
                v.add(Severity.WARN, plural(g, "grown defect"), REALLOCATED);
            }
        });
        temperature(r, t, v);
        selfTest(r, exit, v);
        errorLog(r, exit, v);
        if (exit.value() != 0) {
            Severity s = Severity.OK;
            String anchor = EXIT_STATUS;
            if (exit.has(ExitStatus.DISK_FAILING) || exit.has(ExitStatus.PREFAIL_NOW)) {
                s = Severity.CRIT;
                anchor = HEALTH;
            } else if (exit.has(ExitStatus.FAILED_IN_PAST)) {
                s = Severity.WARN;
                anchor = HEALTH;
            } else if (exit.has(ExitStatus.ERROR_LOG) || exit.has(ExitStatus.SELF_TEST_LOG)) {
                s = Severity.WARN;
            }
            v.add(s, "smartctl " + exit.describe(), anchor);
        }
        r.powerOnHours().ifPresent(h -> v.metric("power_on_hours", h));
        r.exitStatus().ifPresent(e -> v.metric("exit_status", e));
        if (r.health() != SmartReport.Health.UNKNOWN) {
            v.metric("health_passed", r.health() == SmartReport.Health.PASSED ? 1 : 0);
        }
        v.emitProblems(f, subject, who, summary(r), HEALTH);
    }

    /** "/dev/sda WDC WD140EDFZ-11A0VA0 (serial 9RK1XXXX)"; plain text has no device. */
    static String who(SmartReport r, String subject) {
        List<String> words = new ArrayList<>();
        if (!subject.equals("-")) {
            words.add(subject);
        }
        if (!r.model().isEmpty()) {
            words.add(r.model());
        }
        if (!r.serial().isEmpty()) {
            words.add("(serial " + r.serial() + ")");
        }
        return words.isEmpty() ? "disk" : String.join(" ", words);
    }

    private static void attributes(SmartReport r, String subject, Thresholds t, Verdict v, Previous previous) {
        double reallocatedCrit = t.get("reallocated-crit");
        for (Watched w : WATCHED) {
            SmartAttribute a = r.attribute(w.id()).orElse(null);
            // 201 means other things on some drives; only its soft-read-error meaning is an error count.
            if (a == null || w.id() == 201 && !a.name().toLowerCase(Locale.ROOT).contains("soft_read")) {
                continue;
            }
            long n = a.count();
            v.metric(w.metric(), n);
            if (n <= 0) {
                continue;
            }
            OptionalDouble before = previous.metric(subject, w.metric());
            long growth = before.isPresent() ? n - (long) before.getAsDouble() : 0;
            String text = plural(n, w.noun()) + (w.id() == 199 ? " (cable or connector)" : "")
                    + (growth > 0 ? ", up " + growth + " since the last run" : "");
            Severity s = w.severity();
            if (w.id() == 5) {
                text += " (critical at " + Numbers.format(reallocatedCrit) + ")";
                if (n >= reallocatedCrit || growth > 0) {
                    s = Severity.CRIT;
                }
            }
            v.add(s, text, w.runbook());
        }
        for (SmartAttribute a : r.attributes()) {
            String anchor = switch (a.id()) {
                case 190, 194 -> TEMPERATURE;
                case 5 -> REALLOCATED;
                case 197 -> PENDING;
                case 198 -> UNCORRECTABLE;
                default -> HEALTH;
            };
            if (a.whenFailed() == SmartAttribute.WhenFailed.NOW) {
                v.add(Severity.CRIT, "attribute " + a.id() + " " + a.name() + " is failing now (value " + a.value()
                        + ", threshold " + a.threshold() + ")", anchor);
            } else if (a.whenFailed() == SmartAttribute.WhenFailed.PAST) {
                v.add(Severity.WARN, "attribute " + a.id() + " " + a.name() + " failed in the past (worst " + a.worst()
                        + ", threshold " + a.threshold() + ")", anchor);
            }
        }
    }

    private static void nvme(SmartReport r, Thresholds t, Verdict v) {
        if (r.nvme().isEmpty()) {
            return;
        }
        NvmeHealth n = r.nvme().get();
        v.metric("critical_warning", n.criticalWarning()).metric("available_spare", n.availableSpare())
                .metric("percentage_used", n.percentageUsed()).metric("media_errors", n.mediaErrors());
        if (n.criticalWarning() != 0) {
            v.add(Severity.CRIT, String.format(Locale.ROOT, "NVMe critical warning 0x%02x: %s", n.criticalWarning(),
                    String.join(", ", n.warnings())), NVME_CRITICAL);
        }
        if (n.availableSpareThreshold() > 0 && n.availableSpare() < n.availableSpareThreshold()) {
            v.add(Severity.CRIT, "available spare " + n.availableSpare() + "% is below the drive's threshold of "
                    + n.availableSpareThreshold() + "%", NVME_WEAR);
        }
        double warn = t.get("nvme-wear-warn");
        double crit = t.get("nvme-wear-crit");
        String used = n.percentageUsed() + "% of rated endurance used";
        if (n.percentageUsed() >= crit) {
            v.add(Severity.CRIT, used + " (critical at " + Numbers.format(crit) + "%)", NVME_WEAR);
        } else if (n.percentageUsed() >= warn) {
            v.add(Severity.WARN, used + " (warning at " + Numbers.format(warn) + "%)", NVME_WEAR);
        }
        if (n.mediaErrors() > 0) {
            v.add(Severity.WARN, plural(n.mediaErrors(), "media error"), NVME_MEDIA);
        }
    }

    /** NVMe drives run hotter than spinning disks and throttle far above 55°C, so they have their own limits. */
    private static void temperature(SmartReport r, Thresholds t, Verdict v) {
        if (r.temperature().isEmpty() || r.temperature().getAsInt() <= 0) {
            // 0 is what RAID volumes and some bridges report when there is no sensor.
            return;
        }
        int c = r.temperature().getAsInt();
        boolean nvme = r.nvme().isPresent();
        double warn = t.get(nvme ? "nvme-temperature-warn" : "temperature-warn");
        double crit = t.get(nvme ? "nvme-temperature-crit" : "temperature-crit");
        v.metric("temperature_c", c);
        if (c >= crit) {
            v.add(Severity.CRIT, c + "°C (critical at " + Numbers.format(crit) + "°C)", TEMPERATURE);
        } else if (c >= warn) {
            v.add(Severity.WARN, c + "°C (warning at " + Numbers.format(warn) + "°C)", TEMPERATURE);
        }
    }

    private static void selfTest(SmartReport r, ExitStatus exit, Verdict v) {
        if (r.lastSelfTest().isPresent() && r.lastSelfTest().get().failed()) {
            SelfTest s = r.lastSelfTest().get();
            v.add(Severity.WARN, "last self-test failed: " + s.type() + ", " + s.status(), SELF_TEST);
        } else if (exit.has(ExitStatus.SELF_TEST_LOG)) {
            v.add(Severity.WARN, "the self-test log records failed tests", SELF_TEST);
        }
    }

    private static void errorLog(SmartReport r, ExitStatus exit, Verdict v) {
        r.errorLogCount().ifPresent(n -> v.metric("error_log_count", n));
        long n = r.errorLogCount().orElse(0);
        boolean judged = r.exitStatus().isPresent() ? exit.has(ExitStatus.ERROR_LOG) : n > 0;
        if (judged) {
            v.add(Severity.WARN, n > 0 ? "ATA error log has " + (n == 1 ? "1 entry" : n + " entries") : "the error log has errors",
                    EXIT_STATUS);
        }
    }

    /** What a healthy disk's finding says: health, hours, temperature, wear. */
    private static String summary(SmartReport r) {
        List<String> s = new ArrayList<>();
        s.add(switch (r.health()) {
            case PASSED -> "health PASSED";
            case FAILED -> "health FAILED";
            case UNKNOWN -> "health not reported";
        });
        r.powerOnHours().ifPresent(h -> s.add(h + " hours"));
        if (r.temperature().isPresent() && r.temperature().getAsInt() > 0) {
            s.add(r.temperature().getAsInt() + "°C");
        }
        r.nvme().ifPresent(n -> s.add(n.percentageUsed() + "% of rated endurance used"));
        return String.join(", ", s);
    }

    /** "1 pending sector", "8 pending sectors", "2 spin retries". */
    static String plural(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
