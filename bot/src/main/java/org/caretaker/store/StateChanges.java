package org.caretaker.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caretaker.check.Finding;
import org.caretaker.check.NotChecked;
import org.caretaker.check.Severity;

/**
 * What a run's findings change in the latest state: the product's rule of when something is worth saying.
 * A pure judgement over the state before the run and the run's findings; {@link JdbcHistoryStore} only
 * writes down what it decided, in the same transaction that read the state.
 *
 * <ul>
 *   <li>One state per (host, check, subject): a check that reports a subject twice in one run (two containers
 *       sharing a name) is judged by the worse of the two findings, the first one on a tie.</li>
 *   <li>A subject whose severity differs from before, or that is new, is a transition; the same severity keeps
 *       its {@code since}.</li>
 *   <li>A subject a check stopped reporting is dropped from the state, with a transition to OK ("no longer
 *       reported") when it was not OK already — but only when that check really ran on that host: a check
 *       whose only findings about itself are a check-level ({@code -}) UNKNOWN or UNREACHABLE could not look,
 *       so its subjects stay as they were.</li>
 * </ul>
 *
 * @param states      the state of every subject the run reported, in the order first reported
 * @param gone        the subjects to drop from the state
 * @param transitions the changes, in finding order, then those of the subjects that went
 * @param ran         the checks that really ran, per host: their last-run time becomes the run's
 */
public record StateChanges(List<NewState> states, List<SubjectKey> gone, List<Transition> transitions, Set<CheckKey> ran) {

    /** The message of the transition of a subject that is no longer reported. */
    public static final String GONE = "no longer reported";

    /** Which thing a state is about. */
    public record SubjectKey(String host, String check, String subject) {
        static SubjectKey of(Finding f) {
            return new SubjectKey(f.host(), f.check(), f.subject());
        }

        CheckKey checkKey() {
            return new CheckKey(host, check);
        }
    }

    /** One check on one host. */
    public record CheckKey(String host, String check) {
        static CheckKey of(Finding f) {
            return new CheckKey(f.host(), f.check());
        }
    }

    /**
     * The state of one subject after the run.
     *
     * @param since   when it got its current severity
     * @param existed whether the subject had a state before (the row is updated rather than inserted)
     */
    public record NewState(Finding finding, Instant since, boolean existed) {
    }

    public StateChanges {
        states = List.copyOf(states);
        gone = List.copyOf(gone);
        transitions = List.copyOf(transitions);
        ran = Set.copyOf(ran);
    }

    /**
     * Judges one run.
     *
     * @param previous the latest state before the run, every subject of every check (order is kept for the
     *                 transitions of subjects that went)
     * @param findings the run's findings as they will be stored
     * @param runId    the run, for the transitions
     * @param at       when the run finished
     */
    public static StateChanges judge(List<StoredState> previous, List<Finding> findings, long runId, Instant at) {
        // "Nothing was checked" is about the run, not about any host: it changes no host's state.
        findings = findings.stream().filter(x -> !NotChecked.is(x)).toList();
        Set<CheckKey> touched = new LinkedHashSet<>();
        Set<CheckKey> ran = new LinkedHashSet<>();
        for (Finding x : findings) {
            touched.add(CheckKey.of(x));
            if (!isCheckLevelFailure(x)) {
                ran.add(CheckKey.of(x));
            }
        }
        Map<SubjectKey, StoredState> before = new LinkedHashMap<>();
        for (StoredState s : previous) {
            if (touched.contains(CheckKey.of(s.finding()))) {
                before.put(SubjectKey.of(s.finding()), s);
            }
        }

        Map<SubjectKey, Finding> reported = new LinkedHashMap<>();
        for (Finding x : findings) {
            reported.merge(SubjectKey.of(x), x, (a, b) -> b.severity().isWorseThan(a.severity()) ? b : a);
        }

        List<NewState> states = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        for (Map.Entry<SubjectKey, Finding> e : reported.entrySet()) {
            Finding x = e.getValue();
            StoredState was = before.get(e.getKey());
            Instant since = at;
            if (was != null && was.finding().severity() == x.severity()) {
                since = was.since();
            } else {
                transitions.add(new Transition(runId, at, x.host(), x.check(), x.subject(),
                        was == null ? null : was.finding().severity(), x.severity(), x.message()));
            }
            states.add(new NewState(x, since, was != null));
        }

        List<SubjectKey> gone = new ArrayList<>();
        for (Map.Entry<SubjectKey, StoredState> e : before.entrySet()) {
            SubjectKey key = e.getKey();
            if (reported.containsKey(key) || !ran.contains(key.checkKey())) {
                continue;
            }
            Finding old = e.getValue().finding();
            if (old.severity() != Severity.OK) {
                transitions.add(new Transition(runId, at, old.host(), old.check(), old.subject(), old.severity(), Severity.OK, GONE));
            }
            gone.add(key);
        }
        return new StateChanges(states, gone, transitions, ran);
    }

    /** A finding about the check itself saying it could not look: it tells nothing about the check's subjects. */
    private static boolean isCheckLevelFailure(Finding x) {
        return x.subject().equals("-") && (x.severity() == Severity.UNKNOWN || x.severity() == Severity.UNREACHABLE);
    }
}
