package org.caretaker.check.mounts;

/**
 * One line of {@code findmnt}: something mounted somewhere. Several entries may share a target (an
 * automount with the real filesystem mounted over it, a mount over a mount); the later one is on top.
 *
 * @param target  the mount point, unescaped
 * @param source  device, share or daemon name ({@code /dev/sdb1}, {@code //nas/media}, {@code mergerfs},
 *                {@code systemd-1}); empty when findmnt printed none
 * @param fstype  filesystem type as the kernel names it ({@code ext4}, {@code fuse.mergerfs}, {@code cifs},
 *                {@code autofs})
 * @param options mount options
 */
public record MountEntry(String target, String source, String fstype, String options) {

    public boolean isAutofs() {
        return fstype.equals("autofs");
    }

    /** "ext4 from /dev/sdb1", or just the type when the source adds nothing ("fuse.mergerfs", "tmpfs"). */
    String describe() {
        if (source.isEmpty() || fstype.endsWith(source)) {
            return fstype;
        }
        return fstype + " from " + source;
    }
}
