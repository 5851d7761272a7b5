package org.caretaker.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.caretaker.chat.Bench;
import org.caretaker.check.Severity;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.caretaker.outbox.Outbox;
import org.caretaker.outbox.OutboxSender;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegram down for a while, then back: the real outbox on H2 with the adapter as its sink. Passes are run
 * by hand ({@link OutboxSender#drainOnce()}) and the clock is moved past the backoff, so nothing waits.
 */
class TelegramOutboxTest {
    @TempDir
    Path dir;
    Bench bench;
    FakeBotApi api;
    TelegramAdapter adapter;
    Outbox outbox;
    OutboxSender sender;

    @BeforeEach
    void start() throws Exception {
        bench = new Bench(dir);
        api = new FakeBotApi();
        adapter = new TelegramAdapter(new ChatConfig.Telegram(Secret.of(FakeBotApi.TOKEN), api.url(), List.of(-100L)), bench.router, bench.registry);
        outbox = new Outbox(bench.db, bench.clock);
        sender = new OutboxSender(outbox, List.of(adapter), bench.clock);
    }

    @AfterEach
    void stop() {
        sender.close();
        adapter.close();
        api.close();
        bench.close();
    }

    private static Report report(int n) {
        return Report.text("report " + n, Severity.WARN, "line of report " + n);
    }

    @Test
    void platformDown_thenBack_queuedReportsArriveOnceEach_inOrder() throws Exception {
        api.opened(42);
        api.mode(FakeBotApi.Mode.BAD_GATEWAY);
        outbox.enqueue("telegram:-100", report(1));
        outbox.enqueue("telegram:-100", report(2));
        outbox.enqueue("telegram:42", report(3));

        assertThat(sender.drainOnce()).isZero();

        api.down();
        outbox.enqueue("telegram:-100", report(4));
        bench.clock.advance(Duration.ofMinutes(11));
        assertThat(sender.drainOnce()).isZero();
        bench.clock.advance(Duration.ofMinutes(11));
        assertThat(sender.drainOnce()).isZero();
        assertThat(outbox.depth()).isEqualTo(4);

        api.up();
        outbox.enqueue("telegram:-100", report(5));
        int delivered = 0;
        for (int pass = 0; pass < 10 && outbox.depth() > 0; pass++) {
            bench.clock.advance(Duration.ofMinutes(11));
            delivered += sender.drainOnce();
        }

        assertThat(delivered).isEqualTo(5);
        assertThat(outbox.depth()).isZero();
        List<String> toGroup = api.calls("sendMessage").stream().filter(c -> c.params().get("chat_id").equals("-100"))
                .map(c -> c.params().get("text")).toList();
        assertThat(toGroup).containsExactly(
                "⚠️ <b>report 1</b>\n\nline of report 1",
                "⚠️ <b>report 2</b>\n\nline of report 2",
                "⚠️ <b>report 4</b>\n\nline of report 4",
                "⚠️ <b>report 5</b>\n\nline of report 5");
        assertThat(api.calls("sendMessage")).filteredOn(c -> c.params().get("chat_id").equals("42"))
                .extracting(c -> c.params().get("text")).containsExactly("⚠️ <b>report 3</b>\n\nline of report 3");
        // Nothing more goes out on later passes.
        bench.clock.advance(Duration.ofMinutes(11));
        assertThat(sender.drainOnce()).isZero();
        assertThat(api.calls("sendMessage")).hasSize(5);
    }

    @Test
    void rateLimit_holdsTheMessageForTheWaitTelegramAskedFor() throws Exception {
        api.mode(FakeBotApi.Mode.RATE_LIMITED);
        outbox.enqueue("telegram:-100", report(1));

        assertThat(sender.drainOnce()).isZero();
        api.mode(FakeBotApi.Mode.UP);
        bench.clock.advance(Duration.ofSeconds(6));
        assertThat(sender.drainOnce()).isZero();
        bench.clock.advance(Duration.ofSeconds(2));
        assertThat(sender.drainOnce()).isEqualTo(1);

        assertThat(api.calls("sendMessage")).hasSize(1);
    }
}
