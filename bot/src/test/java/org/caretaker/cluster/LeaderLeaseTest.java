package org.caretaker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Leadership through a lease row on a real PostgreSQL server: two contenders, one holder. */
class LeaderLeaseTest {
    private static final Duration TERM = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedPostgres pg = new SharedPostgres();

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void openDatabase() throws Exception {
        db = Database.open(pg.store(pg.freshUrl(), dir));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void oneContenderHolds_theOtherIsRefused_untilTheHolderStopsRenewing() throws Exception {
        LeaderLease a = new LeaderLease(db, "chat", "a", TERM);
        LeaderLease b = new LeaderLease(db, "chat", "b", TERM);

        assertThat(a.claim()).isTrue();
        assertThat(b.claim()).isFalse();
        assertThat(a.claim()).as("the holder renews").isTrue();
        assertThat(b.claim()).isFalse();
        assertThat(a.holder()).contains("a");

        // a stops renewing: b gets the lease once it has expired by the database's clock, and not before.
        await("b claims the expired lease").atMost(WAIT).until(b::claim);
        assertThat(b.holder()).contains("b");
        assertThat(a.claim()).as("the old holder is told it lost").isFalse();
        assertThat(a.holder()).contains("b");
    }

    @Test
    void aReleasedLease_isFreeAtOnce_andReleasingOnlyEverGivesUpOnesOwn() throws Exception {
        LeaderLease a = new LeaderLease(db, "chat", "a", Duration.ofMinutes(5));
        LeaderLease b = new LeaderLease(db, "chat", "b", Duration.ofMinutes(5));
        assertThat(a.claim()).isTrue();

        b.release();
        assertThat(b.claim()).as("b cannot release what a holds").isFalse();

        a.release();
        assertThat(a.holder()).isEmpty();
        assertThat(b.claim()).isTrue();
        assertThat(a.claim()).isFalse();
    }

    @Test
    void leasesOfDifferentNames_areIndependent() throws Exception {
        assertThat(new LeaderLease(db, "chat", "a", TERM).claim()).isTrue();
        assertThat(new LeaderLease(db, "other", "b", TERM).claim()).isTrue();
    }

    @Test
    void anElection_tellsItsHolderWhenItLosesTheLease() throws Exception {
        Recorded events = new Recorded();
        try (LeaderElection election = new LeaderElection(new LeaderLease(db, "chat", "a", TERM), TERM, events, new InstanceRegistration(db, "a", "test", TERM))) {
            election.start();
            assertThat(election.isLeader()).as("a lone contender leads at once").isTrue();
            assertThat(events.list()).containsExactly("elected");

            // Someone else takes the row (as a peer would once the lease expired): the next renewal is refused.
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE leader_lease SET holder = 'b', expires_at = CURRENT_TIMESTAMP + INTERVAL '1 hour'");
            }
            await("the election notices the lost lease").atMost(WAIT).until(() -> !election.isLeader());
            assertThat(events.list()).containsExactly("elected", "deposed");
        }
        assertThat(events.list()).as("closing a follower tells nothing more").containsExactly("elected", "deposed");
    }

    @Test
    void aFollower_takesOver_whenTheLeaderStopsRenewing_andALeaderThatStepsDownGivesTheLeaseUp() throws Exception {
        LeaderLease crashed = new LeaderLease(db, "chat", "a", TERM);
        assertThat(crashed.claim()).isTrue();
        Recorded events = new Recorded();
        try (LeaderElection b = new LeaderElection(new LeaderLease(db, "chat", "b", TERM), TERM, events, new InstanceRegistration(db, "b", "test", TERM))) {
            b.start();
            assertThat(b.isLeader()).isFalse();

            await("b takes over").atMost(WAIT).until(b::isLeader);
            assertThat(events.list()).containsExactly("elected");
            assertThat(crashed.claim()).isFalse();
        }
        assertThat(events.list()).containsExactly("elected", "deposed");
        assertThat(crashed.holder()).as("given up on close").isEmpty();
        assertThat(crashed.claim()).isTrue();
    }

    @Test
    void twoElections_neverLeadTogether_andTheFollowerTakesOverWhenTheLeaderCloses() throws Exception {
        Recorded ea = new Recorded();
        Recorded eb = new Recorded();
        LeaderElection a = new LeaderElection(new LeaderLease(db, "chat", "a", TERM), TERM, ea, new InstanceRegistration(db, "a", "test", TERM));
        try (LeaderElection b = new LeaderElection(new LeaderLease(db, "chat", "b", TERM), TERM, eb, new InstanceRegistration(db, "b", "test", TERM))) {
            a.start();
            b.start();
            assertThat(a.isLeader()).isTrue();
            await("b stays a follower while a renews").during(Duration.ofSeconds(2)).atMost(WAIT)
                    .failFast("a and b lead together", () -> a.isLeader() && b.isLeader())
                    .until(() -> !b.isLeader());

            a.close();
            await("b takes over").atMost(WAIT).until(b::isLeader);
        }
        assertThat(ea.list()).containsExactly("elected", "deposed");
        assertThat(eb.list()).containsExactly("elected", "deposed");
    }

    @Test
    void anEmbeddedDatabase_cannotHoldALease() throws Exception {
        try (Database h2 = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)))) {
            assertThatThrownBy(() -> new LeaderLease(h2, "chat", "a", TERM))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("a leader lease needs a PostgreSQL database, found H2");
        }
    }

    /** The leadership calls, in order. */
    static final class Recorded implements Leadership {
        private final List<String> events = new ArrayList<>();

        @Override
        public synchronized void elected() {
            events.add("elected");
        }

        @Override
        public synchronized void deposed() {
            events.add("deposed");
        }

        synchronized List<String> list() {
            return List.copyOf(events);
        }
    }
}
