package org.caretaker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.store.StateChanges.CheckKey;
import org.caretaker.store.StateChanges.SubjectKey;
import org.junit.jupiter.api.Test;

/** The state rules alone: no database, the state before a run in, the decisions out. */
class StateChangesTest {
    static final Instant BEFORE = Instant.parse("2026-11-19T06:30:05Z");
    static final Instant SINCE = Instant.parse("2026-11-10T06:30:05Z");
    static final Instant AT = Instant.parse("2026-11-20T06:30:05Z");
    static final long RUN = 42;

    static Finding f(String host, String check, String subject, Severity s, String message) {
        return new Finding(check, host, subject, s, message, Map.of(), "");
    }

    static StoredState was(Finding f) {
        return new StoredState(f, SINCE, BEFORE, 41);
    }

    static List<String> transitions(StateChanges c) {
        return c.transitions().stream()
                .map(t -> t.host() + " " + t.check() + " " + t.subject() + " " + t.from() + "->" + t.to() + " " + t.message())
                .toList();
    }

    @Test
    void newSubjects_areTransitionsFromNothing_sinceTheRun_andInserted() {
        StateChanges c = StateChanges.judge(List.of(), List.of(
                f("nas", "disk-usage", "/", Severity.OK, "/ is 22% full"),
                f("nas", "disk-usage", "/srv", Severity.WARN, "/srv is 88% full")), RUN, AT);

        assertThat(transitions(c)).containsExactly("nas disk-usage / null->OK / is 22% full", "nas disk-usage /srv null->WARN /srv is 88% full");
        assertThat(c.transitions()).allSatisfy(t -> {
            assertThat(t.runId()).isEqualTo(RUN);
            assertThat(t.at()).isEqualTo(AT);
        });
        assertThat(c.states()).extracting(s -> s.finding().subject() + " " + s.since() + " " + s.existed())
                .containsExactly("/ " + AT + " false", "/srv " + AT + " false");
        assertThat(c.gone()).isEmpty();
        assertThat(c.ran()).containsExactly(new CheckKey("nas", "disk-usage"));
    }

    @Test
    void sameSeverity_isNoTransition_andKeepsItsSince_whileTheMessageIsNew() {
        StateChanges c = StateChanges.judge(List.of(was(f("nas", "disk-usage", "/srv", Severity.WARN, "/srv is 88% full"))),
                List.of(f("nas", "disk-usage", "/srv", Severity.WARN, "/srv is 89% full")), RUN, AT);

        assertThat(c.transitions()).isEmpty();
        assertThat(c.states()).singleElement().satisfies(s -> {
            assertThat(s.since()).isEqualTo(SINCE);
            assertThat(s.existed()).isTrue();
            assertThat(s.finding().message()).isEqualTo("/srv is 89% full");
        });
    }

    @Test
    void okToWarn_andWarnToOk_areTransitions_sinceTheRun() {
        StateChanges c = StateChanges.judge(List.of(
                        was(f("nas", "disk-usage", "/", Severity.OK, "fine")),
                        was(f("nas", "disk-usage", "/srv", Severity.WARN, "88%"))),
                List.of(f("nas", "disk-usage", "/", Severity.WARN, "86%"), f("nas", "disk-usage", "/srv", Severity.OK, "40%")), RUN, AT);

        assertThat(transitions(c)).containsExactly("nas disk-usage / OK->WARN 86%", "nas disk-usage /srv WARN->OK 40%");
        assertThat(c.states()).allSatisfy(s -> {
            assertThat(s.since()).isEqualTo(AT);
            assertThat(s.existed()).isTrue();
        });
    }

    @Test
    void subjectThatDisappears_whileItsCheckRan_isGone_andResolvedWhenItWasNotOk() {
        StateChanges c = StateChanges.judge(List.of(
                        was(f("nas", "failed-units", "-", Severity.OK, "1 unit failed")),
                        was(f("nas", "failed-units", "nmbd.service", Severity.OK, "recovered")),
                        was(f("nas", "failed-units", "smbd.service", Severity.CRIT, "smbd.service failed"))),
                List.of(f("nas", "failed-units", "-", Severity.OK, "no failed units")), RUN, AT);

        assertThat(transitions(c)).as("an OK subject that went says nothing; a CRIT one is resolved")
                .containsExactly("nas failed-units smbd.service CRIT->OK " + StateChanges.GONE);
        assertThat(c.gone()).containsExactly(new SubjectKey("nas", "failed-units", "nmbd.service"),
                new SubjectKey("nas", "failed-units", "smbd.service"));
    }

    @Test
    void checkLevelUnknown_meansTheCheckCouldNotLook_soItsSubjectsStay() {
        StateChanges c = StateChanges.judge(List.of(was(f("nas", "zfs-pools", "tank", Severity.CRIT, "pool tank is DEGRADED"))),
                List.of(f("nas", "zfs-pools", "-", Severity.UNKNOWN, "zpool timed out")), RUN, AT);

        assertThat(transitions(c)).containsExactly("nas zfs-pools - null->UNKNOWN zpool timed out");
        assertThat(c.gone()).isEmpty();
        assertThat(c.ran()).as("its last run stays the one that could look").isEmpty();
    }

    @Test
    void checkLevelUnreachable_leavesSubjectsToo_butAnUnknownAboutOneSubjectIsARealRun() {
        StateChanges c = StateChanges.judge(List.of(
                        was(f("pi", "disk-usage", "/", Severity.OK, "fine")),
                        was(f("nas", "smart", "/dev/sda", Severity.OK, "healthy")),
                        was(f("nas", "smart", "/dev/sdb", Severity.WARN, "8 reallocated"))),
                List.of(f("pi", "disk-usage", "-", Severity.UNREACHABLE, "no route to host"),
                        f("nas", "smart", "/dev/sda", Severity.UNKNOWN, "smartctl said nothing")), RUN, AT);

        assertThat(transitions(c)).containsExactly(
                "pi disk-usage - null->UNREACHABLE no route to host",
                "nas smart /dev/sda OK->UNKNOWN smartctl said nothing",
                "nas smart /dev/sdb WARN->OK " + StateChanges.GONE);
        assertThat(c.gone()).containsExactly(new SubjectKey("nas", "smart", "/dev/sdb"));
        assertThat(c.ran()).containsExactly(new CheckKey("nas", "smart"));
    }

    @Test
    void checkLevelUnknown_besideARealFinding_isARealRun() {
        StateChanges c = StateChanges.judge(List.of(was(f("nas", "containers", "jellyfin", Severity.WARN, "restarting"))),
                List.of(f("nas", "containers", "-", Severity.UNKNOWN, "one inspect timed out"),
                        f("nas", "containers", "plex", Severity.OK, "running")), RUN, AT);

        assertThat(c.gone()).containsExactly(new SubjectKey("nas", "containers", "jellyfin"));
        assertThat(c.ran()).containsExactly(new CheckKey("nas", "containers"));
    }

    @Test
    void subjectReportedTwice_isOneState_theWorse_whicheverCameFirst() {
        StateChanges worseSecond = StateChanges.judge(List.of(), List.of(
                f("nas", "containers", "portainer", Severity.OK, "running"),
                f("nas", "containers", "portainer", Severity.CRIT, "keeps restarting")), RUN, AT);
        StateChanges worseFirst = StateChanges.judge(List.of(), List.of(
                f("nas", "containers", "portainer", Severity.CRIT, "keeps restarting"),
                f("nas", "containers", "portainer", Severity.OK, "running")), RUN, AT);

        for (StateChanges c : List.of(worseSecond, worseFirst)) {
            assertThat(transitions(c)).containsExactly("nas containers portainer null->CRIT keeps restarting");
            assertThat(c.states()).extracting(s -> s.finding().message()).containsExactly("keeps restarting");
        }
    }

    @Test
    void subjectReportedTwice_withEqualSeverity_keepsTheFirst() {
        StateChanges c = StateChanges.judge(List.of(), List.of(
                f("nas", "containers", "db", Severity.WARN, "first"),
                f("nas", "containers", "db", Severity.WARN, "second")), RUN, AT);

        assertThat(c.states()).extracting(s -> s.finding().message()).containsExactly("first");
    }

    @Test
    void otherChecksAndHosts_areNotTouched_byARunThatDidNotReportThem() {
        StateChanges c = StateChanges.judge(List.of(
                        was(f("nas", "zfs-pools", "tank", Severity.CRIT, "DEGRADED")),
                        was(f("pi", "disk-usage", "/", Severity.WARN, "88%"))),
                List.of(f("nas", "disk-usage", "/", Severity.OK, "fine")), RUN, AT);

        assertThat(transitions(c)).containsExactly("nas disk-usage / null->OK fine");
        assertThat(c.gone()).isEmpty();
    }

    @Test
    void renamedSubject_isANewOne_andTheOldOneGoes() {
        StateChanges c = StateChanges.judge(List.of(was(f("nas", "disk-usage", "a", Severity.WARN, "old"))),
                List.of(f("nas", "disk-usage", "a/b", Severity.WARN, "new")), RUN, AT);

        assertThat(transitions(c)).containsExactly("nas disk-usage a/b null->WARN new", "nas disk-usage a WARN->OK " + StateChanges.GONE);
        assertThat(c.states()).singleElement().satisfies(s -> assertThat(s.existed()).isFalse());
    }

    @Test
    void noFindings_changeNothing() {
        StateChanges c = StateChanges.judge(List.of(was(f("nas", "disk-usage", "/", Severity.WARN, "88%"))), List.of(), RUN, AT);

        assertThat(c.states()).isEmpty();
        assertThat(c.gone()).isEmpty();
        assertThat(c.transitions()).isEmpty();
        assertThat(c.ran()).isEmpty();
    }
}
