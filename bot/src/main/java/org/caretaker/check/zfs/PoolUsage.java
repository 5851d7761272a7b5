package org.caretaker.check.zfs;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One pool of {@code zpool list [-H] [-p] [-v]}.
 *
 * @param name     pool name
 * @param health   the HEALTH column
 * @param capacity the CAP column in percent; empty when zpool printed {@code -} (a FAULTED pool)
 * @param vdevs    the rows under the pool when {@code -v} was given
 */
public record PoolUsage(String name, String health, OptionalDouble capacity, List<VdevUsage> vdevs) {
    public PoolUsage {
        vdevs = List.copyOf(vdevs);
    }

    /**
     * One vdev row of {@code zpool list -v}.
     *
     * @param name     vdev or device name
     * @param group    {@code data} or the class heading above it: {@code logs}, {@code special}, {@code dedup},
     *                 {@code cache}, {@code spare}
     * @param health   the HEALTH column ({@code -} when not shown)
     * @param capacity CAP in percent; only top-level vdevs have one
     */
    public record VdevUsage(String name, String group, String health, OptionalDouble capacity) {
    }
}
