package org.caretaker.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.TestClock;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox and its sender on a real database, with in-memory sinks that fail on demand; run on H2 and
 * on PostgreSQL.
 */
abstract class OutboxContract {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T06:00:00Z"));
    private Database db;
    private Outbox outbox;

    @BeforeEach
    void open() throws Exception {
        db = openDatabase();
        outbox = new Outbox(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Opens the test's database; a second call opens the same one again, as a restarted bot would. */
    abstract Database openDatabase() throws Exception;

    /** A platform that refuses the first {@code failures} deliveries, then takes everything. */
    static final class FlakySink implements ChatSink {
        private final String platform;
        int failures;
        Optional<Duration> retryAfter = Optional.empty();
        final List<String> delivered = new ArrayList<>();
        int attempts;

        FlakySink(String platform, int failures) {
            this.platform = platform;
            this.failures = failures;
        }

        @Override
        public String platform() {
            return platform;
        }

        @Override
        public void deliver(String channel, Report report) throws DeliveryException {
            attempts++;
            if (failures > 0) {
                failures--;
                throw new DeliveryException(platform + " is down", null, retryAfter);
            }
            delivered.add(channel + " " + report.title());
        }
    }

    private static Report report(String title) {
        return Report.text(title, Severity.WARN, "line of " + title);
    }

    @Test
    void aReportSurvivesTheRoundTripThroughJson() throws Exception {
        Report r = new Report("daily-sanity: 1 new problem", Severity.CRIT,
                List.of(new Report.Section("New", List.of(
                                Report.Line.of(Severity.CRIT, "nas zfs-pools tank: DEGRADED", "runbook/zfs#degraded-pool"),
                                Report.Line.plain("plain words"),
                                Report.Line.code("  pool: tank\n state: DEGRADED"))),
                        Report.Section.of("", "untitled")),
                List.of(new Report.Attachment("zpool-status.txt", "raw\noutput")),
                List.of(new Report.Action("Confirm", "/confirm 1234abcd")));

        long id = outbox.enqueue("telegram:-100123", r);

        List<Outbox.Message> due = outbox.due("telegram", 10);
        assertThat(due).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.report()).isEqualTo(r);
            assertThat(m.channel()).isEqualTo("telegram:-100123");
            assertThat(m.platform()).isEqualTo("telegram");
            assertThat(m.createdAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aChannelThatIsNotPlatformColonId_isRefused() {
        assertThatThrownBy(() -> outbox.enqueue("telegram", report("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a channel is platform:id, such as console:local or telegram:12345; found 'telegram'");
        assertThatThrownBy(() -> outbox.enqueue("Telegram:1 2", report("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dueReturnsOnlyTheAskedPlatform_inEnqueueOrder() throws Exception {
        outbox.enqueue("telegram:1", report("a"));
        outbox.enqueue("discord:9", report("b"));
        outbox.enqueue("telegram:2", report("c"));
        outbox.enqueue("telegram:1", report("d"));

        assertThat(outbox.due("telegram", 10)).extracting(m -> m.channel() + " " + m.report().title())
                .containsExactly("telegram:1 a", "telegram:2 c", "telegram:1 d");
        assertThat(outbox.due("telegram", 2)).hasSize(2);
        assertThat(outbox.depth()).isEqualTo(4);
    }

    @Test
    void aSinkThatFailsTwice_getsTheMessageOnTheThirdTry_afterTheBackoff() throws Exception {
        FlakySink sink = new FlakySink("telegram", 2);
        OutboxSender sender = new OutboxSender(outbox, List.of(sink), clock);
        outbox.enqueue("telegram:1", report("disk full"));

        assertThat(sender.drainOnce()).isZero();
        assertThat(sender.drainOnce()).as("not due before its retry time").isZero();
        assertThat(sink.attempts).isEqualTo(1);

        clock.advance(Duration.ofSeconds(6));
        assertThat(sender.drainOnce()).isZero();
        assertThat(sink.attempts).isEqualTo(2);
        clock.advance(Duration.ofSeconds(6));
        assertThat(sender.drainOnce()).as("second retry waits 10 s, not 5").isZero();
        clock.advance(Duration.ofSeconds(6));
        assertThat(sender.drainOnce()).isEqualTo(1);

        assertThat(sink.delivered).containsExactly("telegram:1 disk full");
        assertThat(outbox.depth()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(sender.drainOnce()).as("delivered exactly once").isZero();
        assertThat(sink.delivered).hasSize(1);
    }

    @Test
    void aRetryAfterFromThePlatform_winsOverTheBackoff() throws Exception {
        FlakySink sink = new FlakySink("discord", 1);
        sink.retryAfter = Optional.of(Duration.ofSeconds(30));
        OutboxSender sender = new OutboxSender(outbox, List.of(sink), clock);
        outbox.enqueue("discord:9", report("x"));

        sender.drainOnce();
        clock.advance(Duration.ofSeconds(29));
        assertThat(sender.drainOnce()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sender.drainOnce()).isEqualTo(1);
    }

    @Test
    void theBackoffDoublesFromFiveSeconds_andStopsAtOneMinute() {
        for (int attempts = 1; attempts <= 30; attempts++) {
            Duration d = Outbox.backoff(42, attempts);
            long base = Math.min(5_000L << Math.min(attempts - 1, 20), 60_000L);
            assertThat(d.toMillis()).as("attempt %d", attempts).isBetween(base, Math.min(base + base / 10, 60_000L));
            assertThat(Outbox.backoff(42, attempts)).as("deterministic").isEqualTo(d);
        }
        assertThat(Outbox.backoff(7, 30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void afterAnOutage_theMessagesOfAChannelArriveInOrder_andOtherChannelsAreNotHeldBack() throws Exception {
        FlakySink sink = new FlakySink("telegram", 1);
        OutboxSender sender = new OutboxSender(outbox, List.of(sink), clock);
        outbox.enqueue("telegram:1", report("1-failed"));
        outbox.enqueue("telegram:1", report("1-resolved"));
        outbox.enqueue("telegram:2", report("2-digest"));

        sender.drainOnce();
        assertThat(sink.delivered).isEmpty();
        sender.drainOnce();
        assertThat(sink.delivered).as("channel 1 waits behind its failed message; channel 2 goes")
                .containsExactly("telegram:2 2-digest");

        clock.advance(Duration.ofSeconds(6));
        sender.drainOnce();
        assertThat(sink.delivered).containsExactly("telegram:2 2-digest", "telegram:1 1-failed", "telegram:1 1-resolved");
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void aDeadPlatform_doesNotHoldBackAnotherPlatform() throws Exception {
        FlakySink dead = new FlakySink("discord", Integer.MAX_VALUE);
        FlakySink alive = new FlakySink("telegram", 0);
        OutboxSender sender = new OutboxSender(outbox, List.of(dead, alive), clock);
        outbox.enqueue("discord:9", report("a"));
        outbox.enqueue("telegram:1", report("b"));

        assertThat(sender.drainOnce()).isEqualTo(1);
        assertThat(alive.delivered).containsExactly("telegram:1 b");
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void aSinkThatThrowsARuntimeException_isTreatedAsAFailedDelivery() throws Exception {
        ChatSink broken = new ChatSink() {
            @Override
            public String platform() {
                return "console";
            }

            @Override
            public void deliver(String channel, Report report) {
                throw new IllegalStateException("broken pipe");
            }
        };
        OutboxSender sender = new OutboxSender(outbox, List.of(broken), clock);
        outbox.enqueue("console:local", report("a"));

        assertThat(sender.drainOnce()).isZero();
        assertThat(outbox.due("console", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(outbox.due("console", 10)).singleElement().extracting(Outbox.Message::attempts).isEqualTo(1);
    }

    @Test
    void afterARestart_undeliveredMessagesAreSent_andDeliveredOnesAreNot() throws Exception {
        FlakySink first = new FlakySink("telegram", 0);
        outbox.enqueue("telegram:1", report("before"));
        new OutboxSender(outbox, List.of(first), clock).drainOnce();
        outbox.enqueue("telegram:1", report("queued while down"));
        db.close();

        db = openDatabase();
        Outbox reopened = new Outbox(db, clock);
        FlakySink second = new FlakySink("telegram", 0);
        assertThat(reopened.depth()).isEqualTo(1);
        assertThat(new OutboxSender(reopened, List.of(second), clock).drainOnce()).isEqualTo(1);

        assertThat(first.delivered).containsExactly("telegram:1 before");
        assertThat(second.delivered).containsExactly("telegram:1 queued while down");
    }

    @Test
    void prune_forgetsOldDeliveredMessages_only() throws Exception {
        FlakySink sink = new FlakySink("telegram", 0);
        outbox.enqueue("telegram:1", report("sent"));
        new OutboxSender(outbox, List.of(sink), clock).drainOnce();
        outbox.enqueue("discord:1", report("waiting"));
        clock.advance(Duration.ofDays(2));

        assertThat(outbox.prune(clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void theSenderThread_deliversAfterAWake() throws Exception {
        RecordingLatchSink sink = new RecordingLatchSink();
        try (OutboxSender sender = new OutboxSender(outbox, List.of(sink), clock)) {
            sender.start();
            outbox.enqueue("console:local", report("hello"));
            sender.wake();
            assertThat(sink.latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(sink.titles).containsExactly("hello");
        assertThat(outbox.depth()).isZero();
    }

    /** Three parts per report; part {@code failAt} is refused once, as a rate limit or for good. */
    static final class PartsSink implements ChatSink {
        final List<String> accepted = new ArrayList<>();
        int failAt = -1;
        int failures;
        boolean permanent;

        @Override
        public String platform() {
            return "telegram";
        }

        @Override
        public int parts(Report report) {
            return 3;
        }

        @Override
        public void deliver(String channel, Report report) {
            throw new AssertionError("a sink with parts is asked one part at a time");
        }

        @Override
        public void deliver(String channel, Report report, int part) throws DeliveryException {
            if (part == failAt && failures > 0) {
                failures--;
                throw permanent ? DeliveryException.permanent("400 Bad Request: message is too long")
                        : new DeliveryException("429 Too Many Requests", null, Optional.of(Duration.ofSeconds(30)));
            }
            accepted.add(channel + " " + report.title() + " part " + part);
        }
    }

    @Test
    void aRateLimitInTheMiddleOfAMessage_resumesAtThePartNotYetAccepted_andHoldsThatChannelOnly() throws Exception {
        PartsSink sink = new PartsSink();
        sink.failAt = 1;
        sink.failures = 1;
        OutboxSender sender = new OutboxSender(outbox, List.of(sink), clock);
        outbox.enqueue("telegram:1", report("alert"));
        outbox.enqueue("telegram:2", report("other"));

        assertThat(sender.drainOnce()).isEqualTo(1);
        assertThat(sink.accepted).containsExactly("telegram:1 alert part 0", "telegram:2 other part 0", "telegram:2 other part 1",
                "telegram:2 other part 2");

        clock.advance(Duration.ofSeconds(29));
        assertThat(sender.drainOnce()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sender.drainOnce()).isEqualTo(1);
        assertThat(sink.accepted).filteredOn(a -> a.startsWith("telegram:1"))
                .containsExactly("telegram:1 alert part 0", "telegram:1 alert part 1", "telegram:1 alert part 2");
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void aPermanentRefusal_isADeadLetter_thatNeverComesBack_andTheChannelsNextMessageGoes() throws Exception {
        PartsSink sink = new PartsSink();
        sink.failAt = 0;
        sink.failures = 1;
        sink.permanent = true;
        RecordingLatchSink console = new RecordingLatchSink();
        OutboxSender sender = new OutboxSender(outbox, List.of(console, sink), clock, Optional.of("console:local"));
        outbox.enqueue("telegram:1", report("refused"));
        outbox.enqueue("telegram:1", report("next"));

        sender.drainOnce();
        sender.drainOnce();

        assertThat(sink.accepted).containsExactly("telegram:1 next part 0", "telegram:1 next part 1", "telegram:1 next part 2");
        assertThat(outbox.deadLetters()).isEqualTo(1);
        assertThat(outbox.depth()).isZero();
        assertThat(console.titles).containsExactly("Message to telegram:1 not delivered");
        clock.advance(Duration.ofHours(1));
        sender.drainOnce();
        assertThat(sink.accepted).hasSize(3);
        assertThat(outbox.prune(clock.instant().plus(Duration.ofDays(365)))).isEqualTo(2);
        assertThat(outbox.deadLetters()).isEqualTo(1);
    }

    static final class RecordingLatchSink implements ChatSink {
        final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        final List<String> titles = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String platform() {
            return "console";
        }

        @Override
        public void deliver(String channel, Report report) {
            titles.add(report.title());
            latch.countDown();
        }
    }
}
