package org.caretaker.check.mounts;

/**
 * A mount point to judge: from the host's {@code expect.mounts}, or, for the inspector, every real mount in
 * the listing (then with any filesystem type).
 *
 * @param path   the mount point
 * @param fstype the type it must have; empty accepts any
 */
record Expected(String path, String fstype) {
}
