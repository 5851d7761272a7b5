package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.caretaker.check.Fixtures;
import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.api.Test;

class SmartTableParserTest {

    @Test
    void report_givesOneRowPerDiskAndTheArraysEstimate() throws Exception {
        SmartTable s = SmartTableParser.parse(Fixtures.read("snapraid/public/smart-report-2-parity-error-count-17-fp-100pct.txt"));

        assertThat(s.disks()).extracting(SmartTable.Row::subject)
                .containsExactly("d1", "d2", "d3", "d4", "parity", "2-parity", "/dev/sdg");
        assertThat(s.disks().get(5)).isEqualTo(new SmartTable.Row("2-parity", "/dev/sdd", "WD-WCC4N1KACD4K", OptionalInt.of(36),
                OptionalLong.of(869), OptionalLong.of(17), OptionalInt.of(100), OptionalDouble.of(3.0)));
        assertThat(s.anyFailPercent()).isEqualTo(OptionalInt.of(100));
        assertThat(s.unsupported()).isFalse();
    }

    @Test
    void virtualDisks_areUnsupported() throws Exception {
        SmartTable s = SmartTableParser.parse(Fixtures.read("snapraid/real/2-smart.txt"));

        assertThat(s.unsupported()).isTrue();
        assertThat(s.disks()).isEmpty();
        assertThat(s.messages()).containsExactly("Failed to open '/sys/dev/block/7:0/../dev'.",
                "Failed to expand device '7:0'.", "Smart is unsupported in this platform.");
    }

    @Test
    void garbage_isUnparseableWithAnExcerpt() {
        assertThatThrownBy(() -> SmartTableParser.parse("Usage: snapraid status|sync|scrub\n"))
                .isInstanceOf(UnparseableOutputException.class)
                .hasMessage("no SnapRAID SMART report in the output")
                .extracting(e -> ((UnparseableOutputException) e).excerpt())
                .isEqualTo("\"Usage: snapraid status|sync|scrub\"");
    }
}
