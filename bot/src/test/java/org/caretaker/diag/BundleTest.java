package org.caretaker.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.caretaker.check.Fixtures;
import org.junit.jupiter.api.Test;

class BundleTest {

    @Test
    void text_thenParse_givesTheSameBundle() {
        Bundle b = new Bundle("freeze", "nas", Instant.parse("2026-12-03T03:30:00Z"), List.of(
                new Section("kernel-version", "uname -r", 0, "6.8.12-4-pve\n", "", ""),
                new Section("usb-tree", "lsusb -t", 127, "", "sh: 1: lsusb: not found\n", "lsusb is not installed"),
                new Section("crontabs", "sh -c ...", 0, "== /etc/crontab\n\n0 3 * * * root backup\n", "warning\n", "")));

        assertThat(Bundle.parse(b.text())).isEqualTo(b);
        assertThat(b.fileName()).isEqualTo("diag-freeze-nas-20261203T033000Z.txt");
    }

    @Test
    void capturedBundle_readsBackEverySection() {
        Bundle b = Bundle.parse(Fixtures.read("diag/freeze-bundle-debian12-vm-no-previous-boot.txt"));

        assertThat(b.host()).isEqualTo("this-machine");
        assertThat(b.sections()).extracting(Section::label).containsExactly("journal-last", "last-boots", "kernel-errors",
                "kernel-warnings", "usb-tree", "inotify", "sysctl", "timers", "crontabs", "pve-jobs", "kernel-version",
                "meminfo", "storage-controllers", "smart-1");
        assertThat(b.section("usb-tree").orElseThrow().note()).isEqualTo("lsusb is not installed");
        assertThat(b.stdout("kernel-version")).isEqualTo("6.18.44-fc-v1098\n");
    }

    @Test
    void otherText_isRefusedWithTheReason() {
        assertThatThrownBy(() -> Bundle.parse("hello\n"))
                .hasMessage("not a diagnostic bundle: the first line is not '# caretaker diag <kind> host=<host> taken=<time>'");
    }
}
