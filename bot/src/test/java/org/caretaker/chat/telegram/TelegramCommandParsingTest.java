package org.caretaker.chat.telegram;

import java.net.URI;
import java.util.List;
import org.caretaker.chat.CommandSpec;
import org.caretaker.config.Role;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import static org.assertj.core.api.Assertions.assertThat;

/** How typed text becomes a command name and arguments, and how the registry becomes Telegram's menu. */
class TelegramCommandParsingTest {

    @Test
    void commandWithArguments_isSplitOnWhitespace() {
        assertThat(TelegramAdapter.parse("  /check   zfs-pools\tnas  ", "caretaker_bot"))
                .contains(new TelegramAdapter.Parsed("check", List.of("zfs-pools", "nas")));
    }

    @Test
    void botNameSuffix_isAcceptedForThisBotInAnyCase_andAnotherBotsIsIgnored() {
        assertThat(TelegramAdapter.parse("/status@Caretaker_Bot nas", "caretaker_bot"))
                .contains(new TelegramAdapter.Parsed("status", List.of("nas")));
        assertThat(TelegramAdapter.parse("/status@other_bot", "caretaker_bot")).isEmpty();
    }

    @Test
    void plainText_andALoneSlash_areNotCommands() {
        assertThat(TelegramAdapter.parse("hello /status", "caretaker_bot")).isEmpty();
        assertThat(TelegramAdapter.parse("/", "caretaker_bot")).isEmpty();
        assertThat(TelegramAdapter.parse(null, "caretaker_bot")).isEmpty();
    }

    @Test
    void underscores_standForTheHyphensTelegramDoesNotAllow() {
        assertThat(TelegramAdapter.parse("/ack_all 2h", "")).contains(new TelegramAdapter.Parsed("ack-all", List.of("2h")));
        assertThat(TelegramAdapter.menu(List.of(CommandSpec.reading("ack-all", "/ack-all [ttl]", "Mutes everything.", Role.ADMIN))))
                .containsExactly(new BotCommand("ack_all", "Mutes everything."));
    }

    @Test
    void apiUrl_becomesSchemeHostAndPort_withTheDefaultPortOfTheScheme() {
        TelegramUrl real = TelegramAdapter.url(URI.create("https://api.telegram.org"));
        TelegramUrl local = TelegramAdapter.url(URI.create("http://127.0.0.1:8081"));

        assertThat(List.of(real.getSchema(), real.getHost(), real.getPort(), real.isTestServer())).containsExactly("https", "api.telegram.org", 443, false);
        assertThat(List.of(local.getSchema(), local.getHost(), local.getPort())).containsExactly("http", "127.0.0.1", 8081);
    }

    @Test
    void channel_isTelegramColonChatId() {
        assertThat(TelegramAdapter.chatId("telegram:-100123")).contains(-100123L);
        assertThat(TelegramAdapter.chatId("telegram:abc")).isEmpty();
        assertThat(TelegramAdapter.chatId("discord:1")).isEmpty();
    }
}
