package org.caretaker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.caretaker.check.Catalogue;
import org.caretaker.check.Check;
import org.caretaker.config.ScrubPolicy;
import org.caretaker.config.WeeklyPolicy;
import org.caretaker.maintenance.Procedure;
import org.caretaker.maintenance.ProcedureCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a job changes hosts comes from what it runs, never from a line its file may forget. */
class ScheduleLoader_PrivilegesTest {
    private static final Set<String> KNOWN = Catalogue.standard().checks().stream().map(Check::id).collect(Collectors.toSet());
    private static final List<Procedure> EVERY_PROCEDURE =
            List.copyOf(ProcedureCatalogue.standard(WeeklyPolicy.DEFAULTS, ScrubPolicy.DEFAULTS, null, null).all());

    @TempDir
    Path dir;

    private Schedule load(String procedure, String changesHostsLine) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(procedure + changesHostsLine.length()));
        Files.writeString(sub.resolve("job.yaml"), "id: job\ncron: \"0 30 4 ? * SUN\"\nchecks: [smart]\n"
                + "procedure: " + procedure + "\n" + changesHostsLine);
        return new ScheduleLoader(KNOWN, ZoneId.of("UTC")).load(sub).get(0);
    }

    @Test
    void everyProcedure_saysWhetherItChangesHosts_andTheCatalogueAgreesByItsId() {
        assertThat(EVERY_PROCEDURE).hasSizeGreaterThanOrEqualTo(6);
        for (Procedure p : EVERY_PROCEDURE) {
            assertThat(ProcedureCatalogue.changesHosts(p.id())).as(p.id()).isEqualTo(p.changesHosts());
        }
        assertThat(EVERY_PROCEDURE.stream().filter(p -> !p.changesHosts()).map(Procedure::id))
                .containsExactlyInAnyOrder("snapraid-diff", "snapraid-smart");
    }

    @Test
    void aScheduledProcedureThatWritesToHosts_changesHosts_whenTheFileSaysNothing_orSaysFalse() throws Exception {
        for (Procedure p : EVERY_PROCEDURE) {
            if (!ProcedureCatalogue.SCHEDULABLE.contains(p.id())) {
                continue;
            }
            assertThat(p.changesHosts()).as(p.id()).isTrue();
            assertThat(load(p.id(), "").changesHosts()).as(p.id() + " without changes-hosts").isTrue();
            assertThat(load(p.id(), "changes-hosts: false\n").changesHosts()).as(p.id() + " with changes-hosts: false").isTrue();
        }
    }

    @Test
    void aProcedureUnknownToTheCatalogue_isTakenToChangeHosts() {
        assertThat(ProcedureCatalogue.changesHosts("some-future-procedure")).isTrue();
    }
}
