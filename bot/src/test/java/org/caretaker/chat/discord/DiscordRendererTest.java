package org.caretaker.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.junit.jupiter.api.Test;

class DiscordRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DiscordRenderer renderer = new DiscordRenderer(URI.create("https://caretaker.example.net/"));

    private static JsonNode json(MessageCreateData m) throws IOException {
        return JSON.readTree(m.toData().toString());
    }

    private static String file(FileUpload f) throws IOException {
        try (InputStream in = f.getData()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aDigest_isOneEmbed_colouredByItsSeverity_withMarkersAndRunbookLinks() throws Exception {
        Report report = new Report("daily-sanity: 1 new problem", Severity.CRIT, List.of(
                new Report.Section("New", List.of(Report.Line.of(Severity.CRIT, "nas disk-usage /srv: 97% full — /ack 1a2b3c4d", "runbook/disks#full"))),
                new Report.Section("Raw", List.of(Report.Line.code("Filesystem  Use%\n/dev/sdb1    97%")))),
                List.of(), List.of());

        List<MessageCreateData> messages = renderer.render(report);

        assertThat(messages).hasSize(1);
        JsonNode embed = json(messages.get(0)).path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("\uD83D\uDD34 daily-sanity: 1 new problem");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(embed.path("description").asText()).isEqualTo("""
                **New**
                \uD83D\uDD34 nas disk-usage /srv: 97% full — /ack 1a2b3c4d · [runbook](https://caretaker.example.net/runbook/disks#full)

                **Raw**
                ```
                Filesystem  Use%
                /dev/sdb1    97%
                ```""");
        assertThat(json(messages.get(0)).path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    void everySeverity_hasItsColour() {
        assertThat(DiscordRenderer.colour(Severity.OK)).isEqualTo(0x2ECC71);
        assertThat(DiscordRenderer.colour(Severity.WARN)).isEqualTo(0xFFB000);
        assertThat(DiscordRenderer.colour(Severity.CRIT)).isEqualTo(0xE74C3C);
        assertThat(DiscordRenderer.colour(Severity.UNKNOWN)).isEqualTo(0x95A5A6);
        assertThat(DiscordRenderer.colour(Severity.UNREACHABLE)).isEqualTo(0x9B59B6);
    }

    @Test
    void whatAHostSaid_isNeitherMarkdownNorAMention() throws Exception {
        Report report = Report.text("disk *model* `x`", Severity.WARN, "@everyone <@123> [click](http://evil) __u__ ~~s~~ |spoiler| # h\u202E",
                "line\nbreak");
        Report code = new Report("raw", Severity.OK, List.of(new Report.Section("", List.of(Report.Line.code("a ``` b")))), List.of(), List.of());

        JsonNode embed = json(renderer.render(report).get(0)).path("embeds").get(0);
        JsonNode codeEmbed = json(renderer.render(code).get(0)).path("embeds").get(0);

        assertThat(embed.path("title").asText()).isEqualTo("\uD83D\uDFE1 disk \\*model\\* \\`x\\`");
        assertThat(embed.path("description").asText()).isEqualTo(
                "@\u200Beveryone \\<@\u200B123\\> \\[click\\]\\(http://evil\\) \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|spoiler\\| \\# h\nline break");
        assertThat(codeEmbed.path("description").asText()).isEqualTo("```\na `\u200B`` b\n```");
    }

    @Test
    void withoutASiteAddress_theRunbookAnchorIsShownAsText() throws Exception {
        Report report = new Report("t", Severity.WARN, List.of(new Report.Section("", List.of(Report.Line.of(Severity.WARN, "x", "runbook/zfs#scrub")))),
                List.of(), List.of());

        JsonNode embed = json(new DiscordRenderer().render(report).get(0)).path("embeds").get(0);

        assertThat(embed.path("description").asText()).isEqualTo("\uD83D\uDFE1 x · runbook: `runbook/zfs#scrub`");
    }

    @Test
    void aLongTitle_isCutTo256() throws Exception {
        JsonNode embed = json(renderer.render(Report.text("x".repeat(400), Severity.OK, "y")).get(0)).path("embeds").get(0);

        assertThat(embed.path("title").asText()).hasSize(256).endsWith("x…");
    }

    @Test
    void aBodyTooLongForAnEmbed_continuesInMessagesOf2000_splitOnLines_withCodeBlocksClosed() throws Exception {
        List<Report.Line> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add(Report.Line.code("raw line " + i + " " + "z".repeat(30)));
        }
        Report report = new Report("long", Severity.WARN, List.of(new Report.Section("Output", lines)), List.of(), List.of());

        List<MessageCreateData> messages = renderer.render(report);

        assertThat(messages.size()).isBetween(3, 1 + DiscordRenderer.MAX_TEXT_MESSAGES);
        assertThat(json(messages.get(0)).path("embeds").get(0).path("description").asText())
                .isEqualTo("Continued below in " + (messages.size() - 1) + " messages.");
        StringBuilder all = new StringBuilder();
        for (MessageCreateData m : messages.subList(1, messages.size())) {
            assertThat(m.getContent()).hasSizeLessThanOrEqualTo(2000).contains("```\n").endsWith("\n```");
            all.append(m.getContent()).append('\n');
        }
        for (int i = 0; i < 150; i++) {
            assertThat(all.toString()).contains("raw line " + i + " " + "z".repeat(30) + "\n");
        }
    }

    @Test
    void aHugeBody_isAttachedWhole_andTheEmbedShowsItsBeginning() throws Exception {
        List<Report.Line> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(Report.Line.code("line " + i + " of the listing"));
        }
        Report report = new Report("listing", Severity.OK, List.of(new Report.Section("Output", lines)), List.of(), List.of());

        List<MessageCreateData> messages = renderer.render(report);

        assertThat(messages).hasSize(1);
        String description = json(messages.get(0)).path("embeds").get(0).path("description").asText();
        assertThat(description).hasSizeLessThanOrEqualTo(4096).startsWith("**Output**\n```\nline 0 of the listing\n")
                .endsWith("```\n\n*Too long for chat: the full text is attached as report.txt.*");
        assertThat(messages.get(0).getFiles()).extracting(FileUpload::getName).containsExactly("report.txt");
        String text = file(messages.get(0).getFiles().get(0));
        for (int i = 0; i < 2000; i++) {
            assertThat(text).contains("line " + i + " of the listing\n");
        }
    }

    @Test
    void actions_areButtonsWhoseCustomIdIsTheCommand_andAttachmentsAreFiles() throws Exception {
        Report report = new Report("/run weekly-snapraid changes a host: confirm it", Severity.WARN, List.of(Report.Section.of("", "Send /confirm 7f3a.")),
                List.of(new Report.Attachment("snapraid-diff.txt", "added a\nremoved b\n")),
                List.of(new Report.Action("Confirm /run weekly-snapraid", "/confirm 7f3a"), new Report.Action("Too long", "/x " + "y".repeat(120))));

        List<MessageCreateData> messages = renderer.render(report);

        assertThat(messages).hasSize(2);
        JsonNode rows = json(messages.get(0)).path("components");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("components")).hasSize(1);
        JsonNode button = rows.get(0).path("components").get(0);
        assertThat(button.path("custom_id").asText()).isEqualTo("/confirm 7f3a");
        assertThat(button.path("label").asText()).isEqualTo("Confirm /run weekly-snapraid");
        assertThat(messages.get(0).getFiles()).isEmpty();
        assertThat(messages.get(1).getFiles()).extracting(FileUpload::getName).containsExactly("snapraid-diff.txt");
        assertThat(file(messages.get(1).getFiles().get(0))).isEqualTo("added a\nremoved b\n");
    }

    @Test
    void aLineLongerThanAMessage_isCut_notDropped() {
        String line = "q".repeat(4500);

        List<String> chunks = DiscordRenderer.chunks(List.of(new DiscordRenderer.Piece(line, false)), 2000);

        assertThat(chunks).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(2000));
        assertThat(String.join("", chunks)).isEqualTo(line);
    }
}
