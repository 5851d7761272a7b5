package org.caretaker.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    /** A host that has none of the tools: every command is "not found", as a shell says it. */
    private static final class BareHost implements Executor {
        final List<List<String>> ran = new ArrayList<>();

        @Override
        public CommandOutput run(Command command) {
            ran.add(command.argv());
            return new CommandOutput(127, "", "sh: 1: " + command.argv().get(0) + ": not found\n", Duration.ZERO, false);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aHostWithoutAnyTool_isFoundToRunNothing_withoutAnError() throws Exception {
        BareHost host = new BareHost();

        Discovered d = Discovery.run(host);

        assertThat(d.pools()).isEmpty();
        assertThat(d.snapraid()).isEmpty();
        assertThat(d.docker()).isFalse();
        assertThat(d.sudo()).isEmpty();
        assertThat(d.notes()).isEmpty();
        assertThat(Proposal.of(d).tags()).containsExactly("no-systemd");
    }

    @Test
    void everyCommand_isAFixedReadOnlyProgramOrScript() throws Exception {
        BareHost host = new BareHost();

        Discovery.run(host);

        assertThat(host.ran).allSatisfy(argv -> assertThat(argv.get(0)).isIn("id", "test", "sh", "zpool", "cat", "findmnt"));
        assertThat(host.ran).contains(List.of("zpool", "list", "-H", "-o", "name"), List.of("cat", "/etc/snapraid.conf"),
                List.of("cat", "/etc/fstab"), List.of("findmnt", "-J", "-o", "TARGET,SOURCE,FSTYPE,OPTIONS"));
    }

    @Test
    void aHostThatCannotBeReached_endsDiscovery() {
        Executor down = new Executor() {
            @Override
            public CommandOutput run(Command command) throws ExecException {
                throw new ExecException(ExecException.Kind.CONNECT, "cannot connect to caretaker@192.0.2.9:22: Connection refused");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> Discovery.run(down)).isInstanceOf(ExecException.class)
                .hasMessage("cannot connect to caretaker@192.0.2.9:22: Connection refused");
    }
}
