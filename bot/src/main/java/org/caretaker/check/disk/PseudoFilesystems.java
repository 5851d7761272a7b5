package org.caretaker.check.disk;

import java.util.Set;

/**
 * Filesystems that are not storage anyone fills up: kernel interfaces, RAM-backed mounts, read-only images
 * (snap squashfs is always 100% full) and container overlays that mirror the host's disk.
 */
final class PseudoFilesystems {
    private static final Set<String> TYPES = Set.of(
            "tmpfs", "devtmpfs", "devfs", "proc", "sysfs", "cgroup", "cgroup2", "securityfs", "debugfs",
            "tracefs", "pstore", "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc",
            "ramfs", "rpc_pipefs", "nsfs", "overlay", "squashfs", "iso9660", "efivarfs", "shm", "none");
    private static final Set<String> SOURCES = Set.of(
            "tmpfs", "devtmpfs", "udev", "none", "overlay", "shm", "proc", "sysfs", "cgroup", "efivarfs", "run");

    private PseudoFilesystems() {
    }

    static boolean isPseudo(DfRow row) {
        if (!row.type().isEmpty()) {
            return TYPES.contains(row.type());
        }
        return SOURCES.contains(row.source())
                || row.mountPoint().startsWith("/snap/")
                || row.mountPoint().startsWith("/proc")
                || row.mountPoint().startsWith("/sys/")
                || row.mountPoint().equals("/dev")
                || row.mountPoint().startsWith("/dev/")
                || row.mountPoint().startsWith("/run");
    }
}
