package org.caretaker.check.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.only;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.config.Expectations;
import org.junit.jupiter.api.Test;

class SmartCheckTest {
    private static final SmartCheck CHECK = new SmartCheck();

    private static Finding single(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static Finding json(String fixture) {
        return single(inspect("smartctl-json", "public/smartctl/" + fixture));
    }

    private static Finding text(String fixture) {
        return single(inspect("smartctl-text", "public/smartctl/" + fixture));
    }

    @Test
    void healthyDisk_isOkWithModelSerialHoursAndTemperature() {
        Finding f = json("ata-hdd-wd140edfz-healthy-a.json");

        assertThat(f.subject()).isEqualTo("/dev/sdb");
        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("/dev/sdb WDC WD140EDFZ-11A0VA0 (serial 9RK1XXXX): health PASSED, 1730 hours, 32°C");
        assertThat(f.runbook()).isEqualTo("runbook/smart#health-failed");
        assertThat(f.metrics()).containsExactly(entry("reallocated_sectors", 0.0), entry("reallocated_events", 0.0),
                entry("pending_sectors", 0.0), entry("offline_uncorrectable", 0.0), entry("spin_retries", 0.0),
                entry("crc_errors", 0.0), entry("temperature_c", 32.0), entry("error_log_count", 0.0),
                entry("power_on_hours", 1730.0), entry("exit_status", 0.0), entry("health_passed", 1.0));
    }

    @Test
    void failedHealth_isCriticalAndListsEverythingWrong() {
        Finding f = json("ata-hdd-hitachi-FAILED-realloc1975-pending8-usbjmicron.json");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("/dev/sdc Hitachi HDS721050DLE630 (serial MSK423Y20S3HBC): SMART health FAILED; "
                + "1975 reallocated sectors (critical at 100); 3831 reallocation events; 8 pending sectors; "
                + "attribute 5 Reallocated_Sector_Ct is failing now (value 1, threshold 5); "
                + "the self-test log records failed tests; ATA error log has 56 entries; "
                + "smartctl exit status 216: disk failing, a pre-fail attribute is at or below its threshold, "
                + "the error log has errors, the self-test log has errors");
        assertThat(f.runbook()).isEqualTo("runbook/smart#health-failed");
        assertThat(f.metrics()).containsEntry("reallocated_sectors", 1975.0).containsEntry("pending_sectors", 8.0)
                .containsEntry("health_passed", 0.0).containsEntry("exit_status", 216.0);
    }

    @Test
    void manyReallocatedSectors_areCritical() {
        Finding f = json("ata-hdd-st3500418as-realloc304.json");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("/dev/sda ST3500418AS (serial REDACTED): 304 reallocated sectors (critical at 100)");
        assertThat(f.runbook()).isEqualTo("runbook/smart#reallocated-sectors");
    }

    @Test
    void diskBehindMegaraid_isNamedWithItsControllerPort() {
        Finding f = json("ata-hdd-wd4000fyyx-megaraid1-realloc387.json");

        assertThat(f.subject()).isEqualTo("/dev/sda [sat+megaraid,1]");
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("/dev/sda [sat+megaraid,1] WD4000FYYX (serial XXXXXXXXXXXX): "
                + "387 reallocated sectors (critical at 100); 9 reallocation events");
    }

    @Test
    void oneReallocatedSector_isWarning() {
        Finding f = json("ata-ssd-kingston-kc400-realloc1-a196-1.json");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/dev/sda KINGSTON SKC400S371T (serial REDACTED): "
                + "1 reallocated sector (critical at 100); 1 reallocation event");
        assertThat(f.runbook()).isEqualTo("runbook/smart#reallocated-sectors");
    }

    @Test
    void crcErrors_areWarningAboutTheCable() {
        Finding f = json("ata-ssd-samsung840-worn-x.json");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/dev/sda Samsung SSD 840 Series (serial S14LNEACC02756X): "
                + "108 CRC errors (cable or connector)");
        assertThat(f.runbook()).isEqualTo("runbook/smart#crc-errors");
        assertThat(f.metrics()).containsEntry("crc_errors", 108.0);
    }

    @Test
    void errorLogExitBit_isWarning() {
        Finding f = json("ata-hdd-st3200820as-errorlog98-exit64.json");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/dev/sdb ST3200820AS (serial REDACTED): ATA error log has 98 entries; "
                + "smartctl exit status 64: the error log has errors");
        assertThat(f.runbook()).isEqualTo("runbook/smart#smartctl-exit-status");
    }

    @Test
    void failedSmartCommandBit_aloneIsOkButMentioned() {
        Finding f = json("ata-ssd-kingston-a400-exit4.json");

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("/dev/sda KINGSTON SA400M8120G (serial REDACTED): health PASSED, 4994 hours, 38°C; "
                + "smartctl exit status 4: a SMART command failed or returned a bad checksum");
    }

    @Test
    void nvmeCriticalWarning_isCriticalAndDecoded() {
        Finding f = json("nvme-samsung-pm1725-FAILED-critical-warning16.json");

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("/dev/nvme0 SAMSUNG MZWLL3T2HAJQ-00005 (serial REDACTED): SMART health FAILED; "
                + "NVMe critical warning 0x10: volatile memory backup failed; smartctl exit status 8: disk failing");
        assertThat(f.metrics()).containsEntry("critical_warning", 16.0);
    }

    @Test
    void nvmeMediaErrors_areWarning() {
        Finding f = json("nvme-samsung970evo-media-errors7-x.json");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/dev/nvme0 Samsung SSD 970 EVO 500GB (serial S466NX0M776250H): 7 media errors");
        assertThat(f.runbook()).isEqualTo("runbook/smart#nvme-media-errors");
    }

    @Test
    void nvmeWear_isOkBelowTheThresholdAndWarningAtIt() throws Exception {
        String worn = Fixtures.read("public/smartctl/nvme-intel-p4510-percentage-used75.json");
        Map<String, Double> lower = new HashMap<>(CHECK.thresholdDefaults());
        lower.put("nvme-wear-warn", 70.0);
        Findings f = new Findings(SmartCheck.ID, "-");

        SmartCheck.evaluateJson(worn, new Thresholds(SmartCheck.ID, lower), f);

        assertThat(json("nvme-intel-p4510-percentage-used75.json").message()).isEqualTo("/dev/nvme6 INTEL SSDPE2KX020T7 "
                + "(serial REDACTED): health PASSED, 49441 hours, 19°C, 75% of rated endurance used");
        Finding warn = single(f.list());
        assertThat(warn.severity()).isEqualTo(Severity.WARN);
        assertThat(warn.message()).isEqualTo("/dev/nvme6 INTEL SSDPE2KX020T7 (serial REDACTED): "
                + "75% of rated endurance used (warning at 70%)");
        assertThat(warn.runbook()).isEqualTo("runbook/smart#nvme-wear");
    }

    @Test
    void hotNvme_isJudgedByNvmeLimits() {
        Finding f = text("text-nvme-samsung980pro-healthy-a.txt");

        assertThat(f.severity()).isEqualTo(Severity.OK);
        assertThat(f.message()).isEqualTo("Samsung SSD 980 PRO 1TB (serial S5P2NG0NB05964V): health PASSED, 3441 hours, 62°C, "
                + "13% of rated endurance used");
    }

    @Test
    void scsiGrownDefects_areWarning() {
        Finding f = json("scsi-seagate-st373453lc-grown-defects260.json");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/dev/sdb SEAGATE ST373453LC (serial REDACTED): 260 grown defects");
        assertThat(f.metrics()).containsEntry("grown_defects", 260.0);
    }

    @Test
    void raidVolumeWithoutSmartData_isUnknown() {
        Finding f = json("scsi-intel-raid1-volume-exit4.json");

        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("/dev/sdb Intel Raid 1 Volume (serial Volume1): smartctl could not read SMART data "
                + "(exit status 4: a SMART command failed or returned a bad checksum)");
        assertThat(f.runbook()).isEqualTo("runbook/smart#smartctl-exit-status");
    }

    @Test
    void virtioDisk_isUnknownWithSmartctlsReason() {
        Finding detect = single(inspect("smartctl-json", "captured/smartctl-j-a-virtio-unable-to-detect-exit1.json"));
        Finding open = single(inspect("smartctl-json", "captured/smartctl-j-a-d-sat-virtio-open-not-permitted-exit2.json"));

        assertThat(detect.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(detect.message()).isEqualTo("/dev/vda: smartctl could not read SMART data "
                + "(exit status 1: command line not accepted): /dev/vda: Unable to detect device type");
        assertThat(open.message()).isEqualTo("/dev/vda: smartctl could not read SMART data (exit status 2: device open failed): "
                + "Smartctl open device: /dev/vda [SAT] failed: Operation not permitted");
        assertThat(open.metrics()).containsExactly(entry("exit_status", 2.0));
    }

    @Test
    void pendingAndUncorrectableSectors_areCritical() {
        Finding f = text("text-ata-hdd-st3200822as-pending3-uncorrectable3-atalog58-a.txt");

        assertThat(f.subject()).isEqualTo("-");
        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("ST3200822AS (serial 3LJ2BRB7): 3 pending sectors; 3 offline uncorrectable sectors; "
                + "1 CRC error (cable or connector); ATA error log has 58 entries");
        assertThat(f.runbook()).isEqualTo("runbook/smart#pending-sectors");
    }

    @Test
    void attributeFailingNow_isCriticalAndFailedInThePastIsWarning() {
        Finding now = text("text-ata-hdd-wd2500js-temp-attr-FAILING_NOW-a.txt");
        Finding past = text("text-ata-hdd-wd2500js-temp-attr-In_the_past-a.txt");

        assertThat(now.severity()).isEqualTo(Severity.CRIT);
        assertThat(now.message()).isEqualTo("WDC WD2500JS-23MHB0 (serial WD-WCANK2374770): attribute 190 Temperature_Celsius "
                + "is failing now (value 19, threshold 45); 81°C (critical at 65°C)");
        assertThat(now.runbook()).isEqualTo("runbook/smart#temperature");
        assertThat(past.severity()).isEqualTo(Severity.WARN);
        assertThat(past.message()).isEqualTo("WDC WD2500JS-23MHB0 (serial WD-WCANK2375006): attribute 190 Temperature_Celsius "
                + "failed in the past (worst 32, threshold 45)");
    }

    @Test
    void healthOnlyAndBriefAttributeOutputs_areOk() {
        assertThat(text("text-H-only-passed-smartctl6.6.txt").message()).isEqualTo("disk: health PASSED");
        assertThat(text("text-H-A-brief-hdd-passed.txt").message()).isEqualTo("disk: health PASSED, 1250 hours, 31°C");
        assertThat(text("text-H-A-sas-health-ok.txt").message()).isEqualTo("disk: health PASSED, 7127 hours, 20°C");
        assertThat(json("ata-health-only-passed-jH.json").message()).isEqualTo("/dev/sdc: health PASSED");
    }

    @Test
    void otherHealthyDisks_areOk() {
        assertThat(List.of(
                json("nvme-corsair-mp510-healthy-a.json"),
                json("nvme-intel660p-healthy-all.json"),
                json("scsi-sas-seagate-st1200mm0088-healthy.json"),
                text("text-ata-hdd-st2000nm000a-healthy-a.txt"),
                text("text-ata-hdd-wuh721816-healthy-a.txt"),
                text("text-H-A-nvme-percentage-used31.txt"),
                text("text-H-A-brief-ssd-single-attribute-wear-leveling.txt")))
                .extracting(Finding::severity, Finding::message).containsExactly(
                        tuple(Severity.OK, "/dev/nvme0 Force MP510 (serial yes): health PASSED, 6487 hours, 38°C, "
                                + "1% of rated endurance used"),
                        tuple(Severity.OK, "/dev/testfoobarpass INTEL SSDPEKNW010T8 (serial BTNH93710FS91P0B): health PASSED, "
                                + "2401 hours, 36°C, 0% of rated endurance used"),
                        tuple(Severity.OK, "/dev/sdb SEAGATE ST1200MM0088 (serial Z4028VRY0000C810BZXB): health PASSED, "
                                + "5675 hours, 31°C"),
                        tuple(Severity.OK, "ST2000NM000A-2J2100 (serial WS10SM2A): health PASSED, 1380 hours, 31°C"),
                        tuple(Severity.OK, "WDC  WUH721816ALE6L4 (serial 3WJMHZ6L): health PASSED, 592 hours, 26°C"),
                        tuple(Severity.OK, "disk: health PASSED, 687 hours, 32°C, 31% of rated endurance used"),
                        tuple(Severity.OK, "disk: health PASSED"));
    }

    @Test
    void crcErrorsAndErrorLog_areWarningAndTheCableComesFirst() {
        Finding f = json("ata-hdd-hgst-hus724020-errorlog12-exit64.json");

        assertThat(f.severity()).isEqualTo(Severity.WARN);
        assertThat(f.message()).isEqualTo("/dev/sdb HGST HUS724020ALE640 (serial REDACTED): 12 CRC errors (cable or connector); "
                + "ATA error log has 12 entries; smartctl exit status 64: the error log has errors");
        assertThat(f.runbook()).isEqualTo("runbook/smart#crc-errors");
    }

    @Test
    void openFailures_areUnknownInJsonAndText() {
        Finding windows = json("open-failed-exit2.json");
        Finding text = single(inspect("smartctl-text", "captured/smartctl-a-d-sat-no-such-device-exit2.txt"));

        assertThat(windows.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(windows.message()).isEqualTo("/dev/sda: smartctl could not read SMART data (exit status 2: device open "
                + "failed): Smartctl open device: /dev/sda failed: \\\\.\\PhysicalDrive0: Open failed, Error=5");
        assertThat(text.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(text.message()).isEqualTo(
                "disk: smartctl could not read SMART data: Smartctl open device: /dev/sdz [SAT] failed: No such device");
        assertThat(text.runbook()).isEqualTo("runbook/smart#smartctl-exit-status");
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        Finding json = single(Fixtures.inspector("smartctl-json").inspect("sh: 1: smartctl: Permission denied\n"));
        Finding text = single(Fixtures.inspector("smartctl-text").inspect("Segmentation fault\n"));

        assertThat(json.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(json.message()).isEqualTo("not smartctl JSON (smartctl 7.0 or later is needed for -j): "
                + "\"sh: 1: smartctl: Permission denied\"");
        assertThat(text.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(text.message()).isEqualTo("not smartctl output: \"Segmentation fault\"");
        assertThat(text.runbook()).isEqualTo("runbook/caretaker#unknown-output");
    }

    private static String disk(String fixture) {
        return Fixtures.read("public/smartctl/" + fixture);
    }

    @Test
    void run_scansThenReadsEveryDiskAsRoot() throws Exception {
        ScriptedContext ctx = new ScriptedContext(CHECK, ScriptedContext.host("nas", "snapraid"))
                .answer("smartctl --scan -j", disk("scan-megaraid.json"))
                .answer("-d megaraid,0", 4, disk("ata-hdd-wd4000fyyx-megaraid0-healthy.json"), "")
                .answer("-d megaraid,1", 4, disk("ata-hdd-wd4000fyyx-megaraid1-realloc387.json"), "");

        List<Finding> findings = ctx.run();

        assertThat(findings).extracting(Finding::subject, Finding::severity).containsExactly(
                tuple("/dev/bus/0 [megaraid,0]", Severity.OK), tuple("/dev/bus/0 [megaraid,1]", Severity.CRIT));
        assertThat(findings.get(1).message()).isEqualTo("/dev/bus/0 [megaraid,1] WD4000FYYX (serial XXXXXXXXXXXX): "
                + "387 reallocated sectors (critical at 100); 9 reallocation events");
        assertThat(ctx.asked()).extracting(c -> String.join(" ", c.argv()), c -> c.root()).containsExactly(
                tuple("smartctl --scan -j", true),
                tuple("smartctl -j -a /dev/bus/0 -d megaraid,0", true),
                tuple("smartctl -j -a /dev/bus/0 -d megaraid,1", true));
    }

    @Test
    void run_expectedDisks_areReadWithoutScanningAndWithoutType() throws Exception {
        Expectations expect = new Expectations(List.of(), List.of(), List.of("/dev/sda", "/dev/sdz"), List.of(), List.of(),
                Optional.empty());
        ScriptedContext ctx = new ScriptedContext(CHECK, ScriptedContext.host("nas", expect))
                .answer("/dev/sda", disk("ata-ssd-samsung860evo-healthy-x.json"))
                .answer("/dev/sdz", 2, Fixtures.read("captured/smartctl-j-a-d-sat-no-such-device-exit2.json"), "");

        List<Finding> findings = ctx.run();

        assertThat(ctx.asked()).extracting(c -> String.join(" ", c.argv()))
                .containsExactly("smartctl -j -a /dev/sda", "smartctl -j -a /dev/sdz");
        assertThat(only(findings, "/dev/sda").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "/dev/sdz").severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(only(findings, "/dev/sdz").message()).isEqualTo("/dev/sdz: smartctl could not read SMART data "
                + "(exit status 2: device open failed): Smartctl open device: /dev/sdz [SAT] failed: No such device");
    }

    @Test
    void run_reallocatedSectorsGrowingSinceLastRun_areCritical() throws Exception {
        // The scan answer is a synthetic one-disk document in the shape of the real scan fixtures.
        ScriptedContext ctx = new ScriptedContext(CHECK, ScriptedContext.host("nas", "smart"))
                .answer("smartctl --scan -j", "{\"json_format_version\":[1,0],\"devices\":[{\"name\":\"/dev/sda\",\"type\":\"sat\"}]}")
                .answer("smartctl -j -a /dev/sda", disk("ata-ssd-kingston-kc400-realloc1-a196-1.json"))
                .previousMetric("/dev/sda", "reallocated_sectors", 0);

        Finding f = single(ctx.run());

        assertThat(f.severity()).isEqualTo(Severity.CRIT);
        assertThat(f.message()).isEqualTo("/dev/sda KINGSTON SKC400S371T (serial REDACTED): "
                + "1 reallocated sector, up 1 since the last run (critical at 100); 1 reallocation event");
    }

    @Test
    void run_unreadableAnswerForOneDisk_isUnknownForThatDiskOnly() throws Exception {
        ScriptedContext ctx = new ScriptedContext(CHECK, ScriptedContext.host("nas", "smart"))
                .answer("smartctl --scan -j", disk("scan-simple.json"))
                .answer("/dev/sda", disk("ata-hdd-wd140edfz-healthy-a.json"))
                .answer("smartctl -j -a", "Killed\n");

        List<Finding> findings = ctx.run();

        assertThat(findings).hasSize(7);
        assertThat(only(findings, "/dev/sda").severity()).isEqualTo(Severity.OK);
        assertThat(only(findings, "/dev/sdg").severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(only(findings, "/dev/sdg").message())
                .isEqualTo("/dev/sdg: not smartctl JSON (smartctl 7.0 or later is needed for -j): \"Killed\"");
    }

    @Test
    void run_scanFindsNothing_isUnknown() throws Exception {
        ScriptedContext ctx = new ScriptedContext(CHECK, ScriptedContext.host("vm", "smart"))
                .answer("smartctl --scan -j", Fixtures.read("captured/smartctl-scan-j-no-devices.json"));

        Finding f = single(ctx.run());

        assertThat(f.subject()).isEqualTo("-");
        assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(f.message()).isEqualTo("smartctl --scan found no disks; name them under expect: disks: in the host's configuration");
    }

    @Test
    void run_withoutSmartctl_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(CHECK, ScriptedContext.host("nas", "smart"));

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("smartctl is not installed or not on the PATH");
    }

    @Test
    void appliesToDiskHostsAndHostsWithExpectedDisks() {
        Expectations disks = new Expectations(List.of(), List.of(), List.of("/dev/sda"), List.of(), List.of(), Optional.empty());

        for (String tag : List.of("smart", "proxmox", "zfs", "snapraid")) {
            assertThat(CHECK.appliesTo(ScriptedContext.host("h", tag))).as(tag).isTrue();
        }
        assertThat(CHECK.appliesTo(ScriptedContext.host("h", disks))).isTrue();
        assertThat(CHECK.appliesTo(ScriptedContext.host("h", "docker"))).isFalse();
    }
}
