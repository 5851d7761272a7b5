package org.caretaker.check.smart;

/**
 * One device of {@code smartctl --scan -j}.
 *
 * @param name device path ({@code /dev/sda}, {@code /dev/nvme0}, {@code /dev/bus/0})
 * @param type the {@code -d} type smartctl suggests ({@code scsi}, {@code nvme}, {@code sat}, {@code megaraid,1})
 */
public record ScannedDevice(String name, String type) {

    /**
     * Whether {@link #type} must be passed to smartctl: only types that pick one disk behind a controller
     * ({@code megaraid,1}, {@code cciss,0}, {@code areca,2/1}), which share one device path. Other types are
     * left to smartctl's detection, because the scan says {@code scsi} for SATA disks and {@code -d scsi} on a
     * SATA disk hides its ATA attributes.
     */
    public boolean needsType() {
        return type.contains(",");
    }

    /** The finding subject: the device path, with the controller port when several disks share it. */
    public String subject() {
        return needsType() ? name + " [" + type + "]" : name;
    }
}
