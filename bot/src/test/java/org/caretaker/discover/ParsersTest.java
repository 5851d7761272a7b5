package org.caretaker.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void snapraidConf_readsDisksSplitParityAndContent_andSkipsTheRest() {
        SnapraidConf c = SnapraidConf.parse("""
                # hand-written example
                parity /mnt/p1/a.parity,/mnt/p1b/b.parity
                2-parity /mnt/p2/snapraid.2-parity
                content /var/snapraid.content
                disk d1 /mnt/disk1/
                data d2 /mnt/disk 2/
                exclude /lost+found/
                autosave 500
                garbage
                """);

        assertThat(c.disks()).containsExactly(new SnapraidConf.Disk("d1", "/mnt/disk1/"), new SnapraidConf.Disk("d2", "/mnt/disk 2/"));
        assertThat(c.parity()).containsExactly("/mnt/p1/a.parity", "/mnt/p1b/b.parity", "/mnt/p2/snapraid.2-parity");
        assertThat(c.content()).containsExactly("/var/snapraid.content");
    }

    @Test
    void fstab_readsAutomountsAndEscapedSpaces_andSkipsCommentsAndShortLines() {
        List<FstabEntry> f = FstabEntry.parse("""
                # comment
                UUID=1 / ext4 errors=remount-ro 0 1
                //nas/media\\040files /mnt/media cifs credentials=/etc/c,x-systemd.automount 0 0
                broken line
                """);

        assertThat(f).containsExactly(
                new FstabEntry("UUID=1", "/", "ext4", List.of("errors=remount-ro"), false),
                new FstabEntry("//nas/media files", "/mnt/media", "cifs", List.of("credentials=/etc/c", "x-systemd.automount"), true));
    }
}
