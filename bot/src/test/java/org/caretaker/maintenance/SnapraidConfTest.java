package org.caretaker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class SnapraidConfTest {

    @Test
    void parityContentAndDataDisks_areRead_restIsSkipped() {
        SnapraidConf c = SnapraidConf.parse("""
                # array
                parity /mnt/parity1/snapraid.parity
                2-parity /mnt/parity2/a.parity,/mnt/parity3/b.parity
                content /var/snapraid/snapraid.content
                content /mnt/disk1/snapraid.content
                data d1 /mnt/disk1/
                disk d2 /mnt/disk2/
                exclude *.unrecoverable
                autosave 500
                """);

        assertThat(c.parity()).containsExactly("/mnt/parity1/snapraid.parity", "/mnt/parity2/a.parity", "/mnt/parity3/b.parity");
        assertThat(c.content()).containsExactly("/var/snapraid/snapraid.content", "/mnt/disk1/snapraid.content");
        assertThat(c.data()).containsExactly(entry("d1", "/mnt/disk1/"), entry("d2", "/mnt/disk2/"));
        assertThat(c.gaps()).isEmpty();
    }

    @Test
    void aConfigWithoutContent_saysWhatIsMissing() {
        assertThat(SnapraidConf.parse("parity /p/x.parity\n").gaps()).containsExactly("no content line", "no data disk");
    }
}
