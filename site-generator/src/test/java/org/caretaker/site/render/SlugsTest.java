package org.caretaker.site.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names from untrusted names: safe names stay, anything changed carries a hash of the original. */
class SlugsTest {
    @Test
    void aSafeName_isItsOwnSlug() {
        assertThat(Slugs.of("pve-01_b")).isEqualTo("pve-01_b");
    }

    @Test
    void aChangedName_getsAHashOfItself_soTwoNamesNeverShareAFile() {
        assertThat(Slugs.of("../etc")).matches("etc-[0-9a-f]{8}").isNotEqualTo(Slugs.of("etc")).isNotEqualTo(Slugs.of("/etc"));
        assertThat(Slugs.of("NAS")).matches("nas-[0-9a-f]{8}").isNotEqualTo(Slugs.of("nas"));
        assertThat(Slugs.of("/mnt/disk 1")).matches("mnt-disk-1-[0-9a-f]{8}");
    }

    @Test
    void aNameWithNothingSafeInIt_stillGetsAName_andALongOneIsClipped() {
        assertThat(Slugs.of("")).matches("x-[0-9a-f]{8}");
        assertThat(Slugs.of("../..")).matches("x-[0-9a-f]{8}");
        assertThat(Slugs.of("a".repeat(100))).matches("a{60}-[0-9a-f]{8}");
    }

    @Test
    void theSameNameAlwaysGivesTheSameSlug() {
        assertThat(Slugs.of("My Pool")).isEqualTo(Slugs.of("My Pool"));
    }
}
