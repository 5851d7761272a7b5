package org.caretaker.check.mounts;

/**
 * What sits at a mount point whose filesystem is not mounted. An empty directory is the harmless case; a
 * directory holding files means programs kept writing there, onto the filesystem below, while the disk or
 * pool was missing (MergerFS happily uses such a branch).
 */
public enum Underneath {
    EMPTY_DIRECTORY,
    HOLDS_FILES,
    /** Not looked at, or the look failed. */
    UNKNOWN
}
