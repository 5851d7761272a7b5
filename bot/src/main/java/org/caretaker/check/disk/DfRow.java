package org.caretaker.check.disk;

/**
 * One line of {@code df -P} (blocks) or {@code df -Pi} (inodes).
 *
 * @param source     the device or remote share, e.g. {@code /dev/sda1}, {@code //nas/media}, {@code tmpfs}
 * @param type       the filesystem type when {@code -T} was given, else empty
 * @param total      total blocks (1024-byte) or inodes; -1 when the filesystem does not say ({@code -})
 * @param used       used blocks or inodes; -1 when unknown
 * @param available  available blocks or free inodes; -1 when unknown
 * @param percent    use percentage as df printed it; -1 when df printed {@code -}
 * @param mountPoint where it is mounted
 */
public record DfRow(String source, String type, long total, long used, long available, int percent, String mountPoint) {
}
