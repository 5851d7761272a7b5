package org.caretaker.check.zfs;

import java.util.List;

/**
 * What {@code zpool status -v} said about one pool.
 *
 * @param name   pool name
 * @param state  the {@code state:} line: ONLINE, DEGRADED, FAULTED, UNAVAIL, SUSPENDED…
 * @param status the {@code status:} paragraph joined into one line, empty when there is none
 * @param see    the {@code see:} link, e.g. {@code https://openzfs.github.io/openzfs-docs/msg/ZFS-8000-4J}
 * @param scan   the last or current scrub or resilver
 * @param vdevs  the config table in order; the first row is the pool itself
 * @param errors the {@code errors:} lines
 */
public record PoolStatus(String name, String state, String status, String see, Scan scan, List<Vdev> vdevs,
                         DataErrors errors) {
    public PoolStatus {
        vdevs = List.copyOf(vdevs);
    }
}
