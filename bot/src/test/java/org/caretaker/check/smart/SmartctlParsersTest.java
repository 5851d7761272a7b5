package org.caretaker.check.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.caretaker.check.Fixtures;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class SmartctlParsersTest {

    private static SmartReport json(String fixture) throws UnparseableOutputException {
        return SmartctlJsonParser.parse(Fixtures.read(fixture));
    }

    private static SmartReport text(String fixture) throws UnparseableOutputException {
        return SmartctlTextParser.parse(Fixtures.read(fixture));
    }

    @Test
    void failingAtaDisk_jsonGivesIdentityHealthExitStatusAndLogs() throws Exception {
        SmartReport r = json("public/smartctl/ata-hdd-hitachi-FAILED-realloc1975-pending8-usbjmicron.json");

        assertThat(r.device()).isEqualTo("/dev/sdc");
        assertThat(r.type()).isEqualTo("usbjmicron");
        assertThat(r.protocol()).isEqualTo("ATA");
        assertThat(r.model()).isEqualTo("Hitachi HDS721050DLE630");
        assertThat(r.serial()).isEqualTo("MSK423Y20S3HBC");
        assertThat(r.firmware()).isEqualTo("MS1OA650");
        assertThat(r.health()).isEqualTo(SmartReport.Health.FAILED);
        assertThat(r.exitStatus()).isEqualTo(OptionalInt.of(216));
        assertThat(r.powerOnHours()).isEqualTo(OptionalLong.of(65592));
        assertThat(r.temperature()).isEqualTo(OptionalInt.of(25));
        assertThat(r.errorLogCount()).isEqualTo(OptionalLong.of(56));
        assertThat(r.lastSelfTest()).contains(new SelfTest("Short offline", "Completed without error", false, 42));
        assertThat(r.attribute(5)).contains(new SmartAttribute(5, "Reallocated_Sector_Ct", 1, 1, 5,
                SmartAttribute.WhenFailed.NOW, 1975, "1975"));
    }

    @Test
    void packedRawValues_countTheRightNumber() throws Exception {
        SmartReport r = json("public/smartctl/ata-attributes-only-jA.json");

        assertThat(r.attribute(9).orElseThrow().rawString()).isEqualTo("2725 (151 234 0)");
        assertThat(r.attribute(9).orElseThrow().count()).isEqualTo(2725);
        assertThat(r.attribute(196).orElseThrow().count()).isEqualTo(2111);
        assertThat(r.health()).isEqualTo(SmartReport.Health.UNKNOWN);
    }

    @Test
    void seagateCommandTimeout_countsTheLowWordOnly() {
        // Synthetic values: a Seagate 188 raw value packs three 16-bit counters (0x0001_0001_0015 here).
        SmartAttribute packed = new SmartAttribute(188, "Command_Timeout", 100, 97, 0, SmartAttribute.WhenFailed.NEVER,
                4295032853L, "4295032853");

        assertThat(packed.count()).isEqualTo(21);
    }

    @Test
    void nvmeJson_hasTheHealthLog() throws Exception {
        SmartReport r = json("public/smartctl/nvme-samsung-pm1725-FAILED-critical-warning16.json");

        assertThat(r.nvme()).contains(new NvmeHealth(16, 40, 100, 10, 0, 0, 0, 18376, 4));
        assertThat(r.nvme().orElseThrow().warnings()).containsExactly("volatile memory backup failed");
        assertThat(r.attributes()).isEmpty();
    }

    @Test
    void scsiJson_hasVendorProductAndGrownDefects() throws Exception {
        SmartReport r = json("public/smartctl/scsi-seagate-st373453lc-grown-defects260.json");

        assertThat(r.model()).isEqualTo("SEAGATE ST373453LC");
        assertThat(r.firmware()).isEqualTo("DX10");
        assertThat(r.grownDefects()).isEqualTo(OptionalLong.of(260));
        assertThat(r.powerOnHours()).isEqualTo(OptionalLong.of(102880));
    }

    @Test
    void openFailure_takesTheDeviceFromTheCommandLine() throws Exception {
        SmartReport r = json("captured/smartctl-j-a-d-sat-no-such-device-exit2.json");

        assertThat(r.device()).isEqualTo("/dev/sdz");
        assertThat(r.exitStatus()).isEqualTo(OptionalInt.of(2));
        assertThat(r.messages()).containsExactly("Smartctl open device: /dev/sdz [SAT] failed: No such device");
        assertThat(r.hasData()).isFalse();
    }

    @Test
    void scan_listsDevicesAndControllerPorts() throws Exception {
        List<ScannedDevice> simple = SmartctlJsonParser.scan(Fixtures.read("public/smartctl/scan-simple.json"));
        List<ScannedDevice> raid = SmartctlJsonParser.scan(Fixtures.read("public/smartctl/scan-megaraid.json"));

        assertThat(simple).hasSize(7).first().isEqualTo(new ScannedDevice("/dev/sda", "scsi"));
        assertThat(simple.get(0).needsType()).isFalse();
        assertThat(simple.get(0).subject()).isEqualTo("/dev/sda");
        assertThat(raid).containsExactly(new ScannedDevice("/dev/bus/0", "megaraid,0"), new ScannedDevice("/dev/bus/0", "megaraid,1"));
        assertThat(raid.get(1).needsType()).isTrue();
        assertThat(raid.get(1).subject()).isEqualTo("/dev/bus/0 [megaraid,1]");
        assertThat(SmartctlJsonParser.scan(Fixtures.read("captured/smartctl-scan-j-no-devices.json"))).isEmpty();
    }

    @Test
    void scan_refusesATypeThatIsNotAPlainWord() {
        // Synthetic: a scan answer that tries to smuggle shell text into the -d argument.
        String text = "{\"json_format_version\":[1,0],\"devices\":[{\"name\":\"/dev/sda\",\"type\":\"sat;reboot\"}]}";

        assertThatThrownBy(() -> SmartctlJsonParser.scan(text)).isInstanceOf(UnparseableOutputException.class)
                .hasMessage("smartctl --scan listed a device that is not a plain device path and type");
    }

    @Test
    void notJson_isUnparseable() {
        assertThatThrownBy(() -> SmartctlJsonParser.parse("=======> UNRECOGNIZED OPTION: j\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("not smartctl JSON (smartctl 7.0 or later is needed for -j)");
    }

    @Test
    void textAta_readsIdentityAttributesErrorLogAndSelfTest() throws Exception {
        SmartReport r = text("public/smartctl/text-ata-hdd-st3200822as-pending3-uncorrectable3-atalog58-a.txt");

        assertThat(r.model()).isEqualTo("ST3200822AS");
        assertThat(r.serial()).isEqualTo("3LJ2BRB7");
        assertThat(r.firmware()).isEqualTo("3.01");
        assertThat(r.protocol()).isEqualTo("ATA");
        assertThat(r.health()).isEqualTo(SmartReport.Health.PASSED);
        assertThat(r.exitStatus()).isEmpty();
        assertThat(r.attributes()).hasSize(15);
        assertThat(r.attribute(197)).contains(new SmartAttribute(197, "Current_Pending_Sector", 100, 100, 0,
                SmartAttribute.WhenFailed.NEVER, 3, "3"));
        assertThat(r.errorLogCount()).isEqualTo(OptionalLong.of(58));
        assertThat(r.lastSelfTest()).contains(new SelfTest("Extended offline", "Completed without error", false, 8295));
        assertThat(r.powerOnHours()).isEqualTo(OptionalLong.of(8354));
        assertThat(r.temperature()).isEqualTo(OptionalInt.of(39));
    }

    @Test
    void textBriefLayout_readsFlagsRowsAndThreeWordRawValues() throws Exception {
        SmartReport r = text("public/smartctl/text-H-A-brief-hdd-passed.txt");

        assertThat(r.attributes()).hasSize(24);
        assertThat(r.attribute(188)).contains(new SmartAttribute(188, "Command_Timeout", 100, 100, 0,
                SmartAttribute.WhenFailed.NEVER, 0, "0 0 0"));
        assertThat(r.attribute(240).orElseThrow().rawString()).isEqualTo("1259h+06m+33.546s");
        assertThat(r.temperature()).isEqualTo(OptionalInt.of(31));
    }

    @Test
    void textWhenFailed_readsFailingNowAndInThePast() throws Exception {
        SmartReport now = text("public/smartctl/text-ata-hdd-wd2500js-temp-attr-FAILING_NOW-a.txt");
        SmartReport past = text("public/smartctl/text-ata-hdd-wd2500js-temp-attr-In_the_past-a.txt");

        assertThat(now.attribute(190).orElseThrow().whenFailed()).isEqualTo(SmartAttribute.WhenFailed.NOW);
        assertThat(past.attribute(190).orElseThrow().whenFailed()).isEqualTo(SmartAttribute.WhenFailed.PAST);
        assertThat(now.attribute(194).orElseThrow().whenFailed()).isEqualTo(SmartAttribute.WhenFailed.NEVER);
    }

    @Test
    void textNvme_readsTheHealthInformationSection() throws Exception {
        SmartReport r = text("public/smartctl/text-nvme-samsung980pro-healthy-a.txt");

        assertThat(r.protocol()).isEqualTo("NVMe");
        assertThat(r.model()).isEqualTo("Samsung SSD 980 PRO 1TB");
        assertThat(r.nvme()).map(NvmeHealth::percentageUsed).contains(13);
        assertThat(r.nvme()).map(NvmeHealth::powerOnHours).contains(3441L);
        assertThat(r.temperature()).isEqualTo(OptionalInt.of(62));
    }

    @Test
    void textScsi_readsHealthStatusGrownDefectsAndHours() throws Exception {
        SmartReport r = text("public/smartctl/text-H-A-sas-health-ok.txt");

        assertThat(r.protocol()).isEqualTo("SCSI");
        assertThat(r.health()).isEqualTo(SmartReport.Health.PASSED);
        assertThat(r.grownDefects()).isEqualTo(OptionalLong.of(0));
        assertThat(r.temperature()).isEqualTo(OptionalInt.of(20));
        assertThat(r.powerOnHours()).isEqualTo(OptionalLong.of(7127));
        assertThat(text("public/smartctl/text-scsi-sas-huh721212-healthy-a.txt").model()).isEqualTo("HGST HUH721212AL4204");
    }

    @Test
    void textOpenFailure_keepsSmartctlsMessage() throws Exception {
        SmartReport r = text("captured/smartctl-a-virtio-unable-to-detect-exit1.txt");

        assertThat(r.messages()).containsExactly("/dev/vda: Unable to detect device type");
        assertThat(r.hasData()).isFalse();
        assertThat(r.lastSelfTest()).isEqualTo(Optional.empty());
    }

    @Test
    void textWithoutSmartData_isUnparseable() {
        assertThatThrownBy(() -> SmartctlTextParser.parse("sudo: smartctl: command not found\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("no SMART health, attributes or health log in smartctl output");
        assertThatThrownBy(() -> SmartctlTextParser.parse("total 0\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("not smartctl output");
    }
}
