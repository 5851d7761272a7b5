package org.caretaker.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caretaker.chat.Bench;
import org.caretaker.check.Severity;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.config.MountExpectation;
import org.caretaker.discover.Discovered;
import org.caretaker.exec.ExecException;
import org.caretaker.report.Report;
import org.junit.jupiter.api.Test;

class HostsCommandTest {
    private static final HostConfig GPU = new HostConfig("gpu", true, "", 22, "", Optional.empty(), Optional.empty(), false,
            Set.of("docker"), new Expectations(List.of(new MountExpectation("/mnt/media", "cifs")), List.of(), List.of(),
            List.of("jellyfin"), List.of(), Optional.empty()), Map.of());
    private static final Discovered NOW = new Discovered(true, true, List.of(), Optional.empty(), List.of(), List.of(), List.of(),
            true, List.of("jellyfin", "audiobookshelf"), false, false, false, false, Map.of("docker", true), List.of());

    @Test
    void discover_showsWhatWasFound_whatChanged_andTheProposal_writingNothing() throws Exception {
        HostsCommand cmd = new HostsCommand(host -> NOW, List.of(GPU));

        Report r = cmd.handle(Bench.console("hosts", "discover", "gpu"));

        assertThat(r.title()).isEqualTo("Discovery on gpu");
        assertThat(r.severity()).isEqualTo(Severity.WARN);
        assertThat(r.actions()).isEmpty();
        assertThat(r.sections()).extracting(Report.Section::heading).containsExactly("Found", "Compared with its entry",
                "Proposed tags and expectations (not written; caretaker hosts check gpu at a terminal)");
        assertThat(r.sections().get(1).lines()).extracting(Report.Line::text).containsExactly(
                "- mount /mnt/media (in the configuration, not found now)",
                "+ container audiobookshelf (found now, not in the configuration)");
        assertThat(r.sections().get(2).lines()).extracting(Report.Line::text).containsExactly(
                "- name: gpu", "  tags: [docker]", "  expect:", "    containers: [audiobookshelf, jellyfin]");
    }

    @Test
    void anUnknownHost_isRefusedWithTheConfiguredOnes() throws Exception {
        Report r = new HostsCommand(host -> NOW, List.of(GPU)).handle(Bench.console("hosts", "discover", "gpuu"));

        assertThat(r.severity()).isEqualTo(Severity.WARN);
        assertThat(r.sections().get(0).lines().get(0).text()).isEqualTo("Unknown host 'gpuu'; configured: gpu.");
    }

    @Test
    void anUnreachableHost_isSaidSo() throws Exception {
        HostsCommand cmd = new HostsCommand(host -> {
            throw new ExecException(ExecException.Kind.CONNECT, "cannot connect to gpu: Connection refused");
        }, List.of(GPU));

        Report r = cmd.handle(Bench.console("hosts", "discover", "gpu"));

        assertThat(r.severity()).isEqualTo(Severity.UNREACHABLE);
        assertThat(r.sections().get(0).lines().get(0).text()).isEqualTo("cannot connect to gpu: Connection refused");
    }
}
