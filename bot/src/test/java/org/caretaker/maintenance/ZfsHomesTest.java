package org.caretaker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.caretaker.check.zfs.ZpoolStatusParser;
import org.junit.jupiter.api.Test;

/**
 * Where a disk sits in a pool. The status below is the public REMOVED-mirror fixture's layout as
 * {@code zpool status -LP} prints it (real paths for the devices), with a special vdev added.
 */
class ZfsHomesTest {
    private static final String STATUS = """
              pool: tank
             state: DEGRADED
            status: One or more devices has been removed by the administrator.
              scan: scrub repaired 0B in 10:42:32 with 0 errors on Sun Oct 20 17:29:34 2024
            config:

            	NAME           STATE     READ WRITE CKSUM
            	tank           DEGRADED     0     0     0
            	  mirror-0     DEGRADED     0     0     0
            	    /dev/sda1  REMOVED      0     0     0
            	    /dev/sdb1  ONLINE       0     0     0
            	special
            	  /dev/nvme0n1p1  ONLINE    0     0     0

            errors: No known data errors
            """;
    private static final String LSBLK = """
            PATH="/dev/sda" PKNAME=""
            PATH="/dev/sda1" PKNAME="sda"
            PATH="/dev/sdb" PKNAME=""
            PATH="/dev/sdb1" PKNAME="sdb"
            PATH="/dev/nvme0n1p1" PKNAME="nvme0n1"
            """;

    @Test
    void eachDisk_isPlacedInItsPoolAndVdev_underItsPartitionAndItsWholeDisk() throws Exception {
        var homes = ZfsHomes.homes(ZpoolStatusParser.parse(STATUS), LSBLK);

        assertThat(homes).containsEntry("/dev/sda", "pool tank, mirror-0")
                .containsEntry("/dev/sda1", "pool tank, mirror-0")
                .containsEntry("/dev/sdb", "pool tank, mirror-0")
                .containsEntry("/dev/nvme0n1", "pool tank (special)");
    }

    @Test
    void withoutLsblk_onlyThePartitionsAreKnown() throws Exception {
        assertThat(ZfsHomes.homes(ZpoolStatusParser.parse(STATUS), "")).containsOnlyKeys("/dev/sda1", "/dev/sdb1", "/dev/nvme0n1p1");
    }
}
