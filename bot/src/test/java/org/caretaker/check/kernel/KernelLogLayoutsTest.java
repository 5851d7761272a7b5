package org.caretaker.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.caretaker.check.UnparseableOutputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The same kernel message in every layout logs and pastes give it. Each line below is written in the shape of
 * its tool (the real logs under fixtures/ cover them too); the parser must find the message in all of them.
 */
class KernelLogLayoutsTest {
    private static final String MESSAGE = "nf_conntrack: table full, dropping packet";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "[19262.380000] nf_conntrack: table full, dropping packet",
            "<4>[19262.380000] nf_conntrack: table full, dropping packet",
            "kern  :warn  : [19262.380000] nf_conntrack: table full, dropping packet",
            "[Sat Feb 14 01:11:04 2026] nf_conntrack: table full, dropping packet",
            "[Feb14 01:11] nf_conntrack: table full, dropping packet",
            "[  +0,000024] nf_conntrack: table full, dropping packet",
            "2026-02-14T01:11:04,123456+01:00 nf_conntrack: table full, dropping packet",
            "Feb 14 01:11:04 host kernel: nf_conntrack: table full, dropping packet",
            "Feb 14 01:11:04 host kernel: [19262.38] nf_conntrack: table full, dropping packet",
            "Feb 14 01:11:04 host [kernel] [19262.38] nf_conntrack: table full, dropping packet",
            "Feb 14 01:11:04 host [kernel] nf_conntrack: table full, dropping packet",
            "Feb 14 01:11:04 kernel: nf_conntrack: table full, dropping packet",
            "Feb 14 01:11:04.123456 host kernel: nf_conntrack: table full, dropping packet",
            "Sat 2026-02-14 01:11:04 CET host kernel: nf_conntrack: table full, dropping packet",
            "1771027864.123456 host kernel: nf_conntrack: table full, dropping packet",
            "[19262.380000] host kernel: nf_conntrack: table full, dropping packet",
            "2026 Feb 14 01:11:04.123456 host WARNING kernel: [19262.38] nf_conntrack: table full, dropping packet",
            "2026-02-14T01:11:04+0100 host kernel: nf_conntrack: table full, dropping packet",
            "2026-02-14T01:11:04.123456+01:00 host kernel: [19262.380000] nf_conntrack: table full, dropping packet",
            "<4>1 2026-02-14T01:11:04.123456+01:00 host kernel - - - nf_conntrack: table full, dropping packet",
            "<4>1 2026-02-14T01:11:04.123456+01:00 host kernel - - [timeQuality tzKnown=\"1\"] nf_conntrack: table full, dropping packet",
            " kernel:[19262.380000] nf_conntrack: table full, dropping packet",
    })
    void kernelMessage_isFoundInEveryLayout(String line) throws UnparseableOutputException {
        assertThat(KernelLogParser.parse(line + "\n", m -> false).messages()).containsExactly(MESSAGE);
    }

    @Test
    void otherProgramsInASyslogFile_areLeftOut() throws UnparseableOutputException {
        String text = """
                Feb 14 01:11:04.123456 host sshd[812]: Accepted publickey for root
                Feb 14 01:11:05 host kernel: nf_conntrack: table full, dropping packet
                2026 Feb 14 01:11:06.000001 host INFO systemd[1]: Started cron.service.
                """;

        assertThat(KernelLogParser.parse(text, m -> false).messages()).containsExactly(MESSAGE);
    }
}
