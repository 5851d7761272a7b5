package org.caretaker.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caretaker.chat.Bench;
import org.caretaker.check.Severity;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.Secret;
import org.caretaker.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;

/** The limits Telegram would refuse a request for, met by the adapter against the strict {@link FakeBotApi}. */
class TelegramLimitsTest {
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
    void aReportWithOneHundredFiftyActions_getsAKeyboardOfOneHundredButtons_andListsTheRest() throws Exception {
        List<Report.Action> actions = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            actions.add(new Report.Action("ack " + i, "/ack c" + i));
        }
        adapter.deliver("telegram:-100", new Report("many", Severity.WARN, List.of(Report.Section.of("", "x")), List.of(), actions));

        assertThat(api.malformed()).isEmpty();
        FakeBotApi.Call last = api.calls("sendMessage").get(api.calls("sendMessage").size() - 1);
        int buttons = 0;
        for (var row : new ObjectMapper().readTree(last.params().get("reply_markup")).path("inline_keyboard")) {
            buttons += row.size();
        }
        assertThat(buttons).isEqualTo(100);
        assertThat(String.join("", api.calls("sendMessage").stream().map(c -> c.params().get("text")).toList())).contains("/ack c149");
    }

    @Test
    void anEmptyAttachment_isNeverSent_andTheTextArrives() throws Exception {
        adapter.deliver("telegram:-100", new Report("empty file", Severity.OK, List.of(Report.Section.of("", "x")),
                List.of(new Report.Attachment("empty.txt", ""), new Report.Attachment("full.txt", "content")), List.of()));

        assertThat(api.malformed()).isEmpty();
        assertThat(api.calls("sendMessage")).hasSize(1);
        assertThat(api.calls("sendDocument")).extracting(c -> c.files().keySet().iterator().next()).containsExactly("full.txt");
    }

    @Test
    void markingAPressedButton_keepsTheFormatting_andStaysWithin4096() {
        String text = "🔴 Title\n\n" + "x".repeat(5000);
        List<MessageEntity> entities = List.of(MessageEntity.builder().type("bold").offset(3).length(5).build(),
                MessageEntity.builder().type("pre").offset(10).length(5000).build());

        TelegramAdapter.Marked marked = TelegramAdapter.marked(text, entities, "\n\n→ @user1 pressed /confirm 7f3a");

        assertThat(marked.text()).hasSizeLessThanOrEqualTo(4096).startsWith("🔴 Title").endsWith("→ @user1 pressed /confirm 7f3a");
        assertThat(marked.entities()).extracting(MessageEntity::getType).containsExactly("bold", "pre");
        MessageEntity pre = marked.entities().get(1);
        assertThat(pre.getOffset() + pre.getLength()).isLessThanOrEqualTo(marked.text().length());
    }
}
