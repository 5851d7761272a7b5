package org.caretaker.check.smart;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What smartctl said about one disk, from its JSON or its plain text. Plain records on purpose: the monthly
 * SMART review joins these by serial number with the disks of SnapRAID and ZFS.
 *
 * @param device        the device smartctl read ({@code /dev/sda}, {@code /dev/bus/0}); empty when it did not say
 * @param type          smartctl's device type ({@code sat}, {@code nvme}, {@code sat+megaraid,1}); empty when unknown
 * @param protocol      {@code ATA}, {@code NVMe} or {@code SCSI}; empty when unknown
 * @param model         model name; for SCSI vendor and product; empty when unknown
 * @param serial        serial number; empty when unknown
 * @param firmware      firmware version or SCSI revision; empty when unknown
 * @param health        the overall health self-assessment
 * @param exitStatus    smartctl's exit status; empty for plain text, which does not carry it
 * @param messages      smartctl's own messages ("Smartctl open device: /dev/sdz [SAT] failed: No such device")
 * @param attributes    the ATA attribute table; empty for NVMe and SCSI
 * @param nvme          the NVMe health log
 * @param grownDefects  SCSI "Elements in grown defect list"
 * @param temperature   current temperature in °C
 * @param powerOnHours  hours powered on
 * @param errorLogCount ATA error log count ("ATA Error Count: 58")
 * @param lastSelfTest  the newest ATA self-test log entry
 */
public record SmartReport(
        String device,
        String type,
        String protocol,
        String model,
        String serial,
        String firmware,
        Health health,
        OptionalInt exitStatus,
        List<String> messages,
        List<SmartAttribute> attributes,
        Optional<NvmeHealth> nvme,
        OptionalLong grownDefects,
        OptionalInt temperature,
        OptionalLong powerOnHours,
        OptionalLong errorLogCount,
        Optional<SelfTest> lastSelfTest) {

    public enum Health { PASSED, FAILED, UNKNOWN }

    public SmartReport {
        messages = List.copyOf(messages);
        attributes = List.copyOf(attributes);
    }

    public Optional<SmartAttribute> attribute(int id) {
        return attributes.stream().filter(a -> a.id() == id).findFirst();
    }

    /** Whether smartctl told anything about the disk's health at all. */
    public boolean hasData() {
        return health != Health.UNKNOWN || !attributes.isEmpty() || nvme.isPresent() || grownDefects.isPresent();
    }
}
