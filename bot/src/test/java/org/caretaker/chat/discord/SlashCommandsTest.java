package org.caretaker.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlashCommandsTest {
    @Test
    void placeholders_becomeOptionsInOrder_requiredThenOptional() {
        assertThat(SlashCommands.options("/check <check> [host]")).containsExactly(
                new SlashCommands.Option("check", "check", true), new SlashCommands.Option("host", "host", false));
    }

    @Test
    void placeholderText_becomesAValidOptionName_andRepeatsAreNumbered() {
        assertThat(SlashCommands.options("/ack <id> [ttl like 2h] [id]")).extracting(SlashCommands.Option::name)
                .containsExactly("id", "ttl-like-2h", "id-2");
    }

    @Test
    void onlyHostsChecksAndJobs_autocomplete() {
        assertThat(SlashCommands.options("/x <host> <check> <job> <id>")).extracting(SlashCommands.Option::autocomplete)
                .containsExactly(true, true, true, false);
    }
}
