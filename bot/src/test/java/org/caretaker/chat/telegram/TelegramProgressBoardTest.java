package org.caretaker.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.Bench;
import org.caretaker.chat.ProgressBoard;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress of a long job as one Telegram message, sent once and then edited, against the fake Bot API. */
class TelegramProgressBoardTest {
    @TempDir
    Path dir;
    Bench bench;
    FakeBotApi api;
    TelegramAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        bench = new Bench(dir);
        api = new FakeBotApi();
        adapter = new TelegramAdapter(new ChatConfig.Telegram(Secret.of(FakeBotApi.TOKEN), api.url(), List.of(-100L)), bench.router, bench.registry);
    }

    @AfterEach
    void stop() {
        adapter.close();
        api.close();
        bench.close();
    }

    @Test
    void oneMessage_isSentThenEditedWithEachPercentage() {
        ProgressBoard.Handle h = adapter.open("telegram:-100", "weekly-snapraid on nas: sync starting");
        adapter.update(h, "weekly-snapraid on nas: sync 45 %, about 3 min left");
        adapter.update(h, "weekly-snapraid on nas: sync 90 %, about 1 min left");
        adapter.close(h, "weekly-snapraid on nas: sync finished");

        assertThat(api.calls("sendmessage")).singleElement().satisfies(c -> {
            assertThat(c.params()).containsEntry("chat_id", "-100").containsEntry("text", "weekly-snapraid on nas: sync starting");
            assertThat(h.messageId()).contains(c.params().get("message_id"));
        });
        assertThat(api.calls("editmessagetext")).allSatisfy(c -> assertThat(c.params())
                .containsEntry("chat_id", "-100").containsEntry("message_id", h.messageId().orElseThrow()))
                .extracting(c -> c.params().get("text")).containsExactly(
                        "weekly-snapraid on nas: sync 45 %, about 3 min left",
                        "weekly-snapraid on nas: sync 90 %, about 1 min left",
                        "weekly-snapraid on nas: sync finished");
    }

    @Test
    void telegramDown_nothingThrows_andUpdatesAreDropped() {
        api.down();

        ProgressBoard.Handle h = adapter.open("telegram:-100", "weekly-snapraid on nas: sync 5 %");
        adapter.update(h, "weekly-snapraid on nas: sync 10 %");
        adapter.close(h, "weekly-snapraid on nas: sync finished");

        assertThat(h.messageId()).isEmpty();
    }

    @Test
    void aChannelOfAnotherPlatform_isNotPosted() {
        ProgressBoard.Handle h = adapter.open("discord:123", "weekly-snapraid on nas: sync 5 %");
        adapter.update(h, "weekly-snapraid on nas: sync 10 %");

        assertThat(h).isEqualTo(new ProgressBoard.Handle("discord:123", Optional.empty()));
        assertThat(api.calls("sendmessage")).isEmpty();
        assertThat(api.calls("editmessagetext")).isEmpty();
    }
}
