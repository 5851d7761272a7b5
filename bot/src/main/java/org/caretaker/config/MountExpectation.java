package org.caretaker.config;


/**
 * A mount point that must be present and answering, e.g. the MergerFS pool, one of its branches, the parity
 * disk or a CIFS automount.
 *
 * @param path   absolute mount point
 * @param fstype expected filesystem type as {@code findmnt} prints it ({@code fuse.mergerfs}, {@code cifs},
 *               {@code ext4}); empty accepts any
 */
public record MountExpectation(String path, String fstype) {
    public MountExpectation {
        fstype = fstype == null ? "" : fstype;
        new Rules()
                .require(Args.isAbsolutePath(path), "path", "must be an absolute path without '..' or shell characters, found '" + path + "'")
                .require(fstype.isEmpty() || fstype.matches("[a-z0-9._-]+"), "fstype", "must be a filesystem type such as ext4 or fuse.mergerfs, found '" + fstype + "'")
                .check();
    }
}
