package org.caretaker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskIdentityTest {
    private static final SnapraidConf CONF = SnapraidConf.parse("data d1 /mnt/disk1/\ndata d3 /mnt/disk3/\n");

    @Test
    void aPartition_isTracedToItsDrive_andAnEmptyMountPointIsNotMounted() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor()
                .on("lsblk", 0, """
                        NAME="sdc" PATH="/dev/sdc" PKNAME="" SERIAL="WD-WCC4E1234567" MODEL="WDC WD40EFRX-68N32N0"
                        NAME="sdc1" PATH="/dev/sdc1" PKNAME="sdc" SERIAL="" MODEL=""
                        NAME="sdd1" PATH="/dev/sdd1" PKNAME="sdd" SERIAL="" MODEL=""
                        """)
                .on("findmnt -n -P -o SOURCE,TARGET -T /mnt/disk1", 0, "SOURCE=\"/dev/sdc1\" TARGET=\"/mnt/disk1\"\n")
                .on("findmnt -n -P -o SOURCE,TARGET -T /mnt/disk3", 0, "SOURCE=\"/dev/sda2\" TARGET=\"/\"\n");

        Map<String, DiskIdentity> ids = DiskIdentity.read(exec, CONF);

        assertThat(ids.get("d1").describe()).isEqualTo("d1 = WDC WD40EFRX-68N32N0 serial WD-WCC4E1234567, /dev/sdc1, branch /mnt/disk1");
        assertThat(ids.get("d3").describe()).isEqualTo("d3 = not mounted, branch /mnt/disk3");
    }
}
