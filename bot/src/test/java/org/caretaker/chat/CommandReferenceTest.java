package org.caretaker.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.command.RunCommand;
import org.caretaker.chat.command.SnapraidCommand;
import org.caretaker.config.Role;
import org.caretaker.job.JobInfo;
import org.caretaker.job.Jobs;
import org.caretaker.job.Trigger;
import org.junit.jupiter.api.Test;

/**
 * The command reference the site prints is read from the same specs the access policy enforces, so it says
 * exactly which arguments need an admin and a confirmation.
 */
class CommandReferenceTest {
    private static final Jobs JOBS = new Jobs() {
        @Override
        public List<JobInfo> list() {
            return List.of(new JobInfo("daily-sanity", "", "0 0 6 * * ?", "UTC", List.of(), Optional.empty(), false),
                    new JobInfo("weekly-snapraid", "", "0 0 3 ? * SUN", "UTC", List.of(), Optional.empty(), true));
        }

        @Override
        public String start(String jobId, Trigger trigger) {
            throw new UnsupportedOperationException("not started in this test");
        }
    };

    @Test
    void snapraidNeedsAnAdminAndAConfirmationForSyncScrubFixAndApprove_andAnOperatorOtherwise() {
        CommandSpec snapraid = new SnapraidCommand(null, null, null, Duration.ofHours(1), Clock.systemUTC()).spec();

        CommandReference.Entry e = CommandReference.of(List.of(snapraid), List.of()).get(0);

        assertThat(e.leastRole()).isEqualTo("operator");
        assertThat(e.alwaysConfirmed()).isFalse();
        assertThat(e.confirmedWith()).containsExactly("sync", "scrub", "fix", "approve");
        // The router agrees: the same spec makes the access policy ask for an admin with these arguments.
        assertThat(e.confirmedWith()).allMatch(a -> snapraid.changesHosts(List.of(a)));
    }

    @Test
    void runNeedsAConfirmationOnlyForJobsThatChangeHosts() {
        CommandSpec run = new RunCommand(JOBS).spec();

        CommandReference.Entry e = CommandReference.of(List.of(run), List.of("daily-sanity", "weekly-snapraid")).get(0);

        assertThat(e.confirmedWith()).containsExactly("weekly-snapraid");
    }

    @Test
    void aCommandThatAlwaysChangesAHost_isAlwaysConfirmed_andAReadingOneNever() {
        CommandSpec reboot = new CommandSpec("reboot", "/reboot <host>", "Reboots a host.", Role.OPERATOR, args -> true);
        CommandSpec status = CommandSpec.reading("status", "/status", "Shows the state.", Role.VIEWER);

        List<CommandReference.Entry> entries = CommandReference.of(List.of(reboot, status), List.of("x"));

        assertThat(entries).extracting(CommandReference.Entry::name, CommandReference.Entry::alwaysConfirmed,
                CommandReference.Entry::confirmedWith, CommandReference.Entry::leastRole)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("reboot", true, List.of(), "operator"),
                        org.assertj.core.groups.Tuple.tuple("status", false, List.of(), "viewer"));
    }
}
