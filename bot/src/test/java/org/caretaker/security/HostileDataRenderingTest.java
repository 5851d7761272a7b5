package org.caretaker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.caretaker.chat.console.ConsoleRenderer;
import org.caretaker.chat.discord.DiscordRenderer;
import org.caretaker.chat.telegram.TelegramRenderer;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.SiteOptions;
import org.caretaker.site.snapshot.SnapshotJson;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same hostile strings, as a host could report them in a name, a subject, a message or raw output, pushed
 * through every renderer: the console, Telegram's HTML, Discord's markdown embeds and the site built from a
 * snapshot. None gives executable markup, a terminal escape, a bidirectional override or a mention, and text
 * meant as text is escaped exactly once ({@code &amp;} reads as {@code &amp;}, not {@code &} nor
 * {@code &amp;amp;}).
 */
class HostileDataRenderingTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> HOSTILE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "\u001b[2J",
            "\u202e",
            "@everyone",
            "</pre>",
            "&amp;");

    /** Tags the Bot API's HTML mode knows; anything else would be markup the renderer did not mean. */
    private static final Set<String> TELEGRAM_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "blockquote", "tg-spoiler", "span");

    @TempDir
    Path dir;

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    /** A report carrying the string everywhere a host's words can go. */
    private static Report report(String h) {
        return new Report("nas " + h + " report", Severity.CRIT, List.of(
                new Report.Section("Raw " + h, List.of(
                        Report.Line.of(Severity.CRIT, "nas disk-usage " + h + ": " + h + " is 97% full", "runbook/disks#disk-full"),
                        Report.Line.plain("plain " + h),
                        Report.Line.code("output " + h + "\nsecond " + h)))),
                List.of(), List.of());
    }

    /** What a reader should see of the string: the string itself when it is printable. */
    private static boolean printable(String h) {
        return h.chars().noneMatch(c -> c < 0x20 || (c >= 0x202a && c <= 0x202e));
    }

    private static void assertNoControls(String where, String text) {
        for (char c : text.toCharArray()) {
            boolean bad = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069);
            assertThat(bad).as("U+%04X in %s:\n%s", (int) c, where, text).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void console_showsTheTextAndObeysNothing(String h) {
        String screen = new ConsoleRenderer().render(report(h));

        assertNoControls("the console", screen);
        if (printable(h)) {
            assertThat(screen).contains("nas disk-usage " + h + ": " + h + " is 97% full", "output " + h);
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void telegram_escapesOnce_andUsesOnlyItsOwnTags(String h) {
        TelegramRenderer.Rendering r = new TelegramRenderer(URI.create("https://caretaker.example.net/")).render(report(h));

        assertThat(r.messages()).isNotEmpty();
        for (String html : r.messages()) {
            assertNoControls("a Telegram message", html);
            Document doc = Jsoup.parseBodyFragment(html);
            for (Element e : doc.body().getAllElements()) {
                if (e == doc.body()) {
                    continue;
                }
                assertThat(TELEGRAM_TAGS).as("tag <%s> in %s", e.tagName(), html).contains(e.tagName());
                for (Attribute a : e.attributes()) {
                    assertThat(a.getKey()).as("attribute in %s", html).isIn("href", "class");
                    if (a.getKey().equals("href")) {
                        assertThat(a.getValue()).startsWith("https://caretaker.example.net/");
                    }
                }
            }
            if (printable(h)) {
                // What the chat shows is the text as the host wrote it: escaped once, decoded once.
                assertThat(doc.body().wholeText()).contains("nas disk-usage " + h + ": " + h, "output " + h);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void discord_mentionsNobody_andMakesNoLinksOrMarkupFromHostText(String h) throws Exception {
        List<MessageCreateData> messages = new DiscordRenderer(URI.create("https://caretaker.example.net/")).render(report(h));

        assertThat(messages).isNotEmpty();
        for (MessageCreateData m : messages) {
            JsonNode json = JSON.readTree(m.toData().toString());
            assertThat(json.path("allowed_mentions").path("parse")).as("allowed mentions").isEmpty();
            assertThat(json.path("allowed_mentions").path("users")).isEmpty();
            assertThat(json.path("allowed_mentions").path("roles")).isEmpty();
            List<String> texts = new ArrayList<>();
            texts.add(json.path("content").asText());
            for (JsonNode embed : json.path("embeds")) {
                texts.add(embed.path("title").asText());
                texts.add(embed.path("description").asText());
                embed.path("fields").forEach(f -> texts.add(f.path("name").asText() + "\n" + f.path("value").asText()));
            }
            for (String text : texts) {
                assertNoControls("a Discord message", text);
                // Discord reads no mentions inside code blocks; everywhere else the renderer must break them.
                String outsideCode = text.replaceAll("(?s)```.*?```", "");
                assertThat(outsideCode).doesNotContain("@everyone").doesNotContain("](javascript:");
                assertThat(text).doesNotContain("&amp;amp;");
                assertThat(outsideCode).as("unescaped markdown from the host").doesNotContainPattern("(?<!\\\\)[*_~`|]" + "(?=script|alert|everyone)");
            }
            String all = String.join("\n", texts);
            if (h.equals("&amp;")) {
                assertThat(all).contains("&amp;");
            }
        }
    }

    @Test
    void site_fromAHostileSnapshot_hasNoExecutableMarkup_andEscapesOnce() throws Exception {
        Path out = dir.resolve("site");
        try (SiteGenerator site = SiteGenerator.load(SiteOptions.of(REPO.resolve("content"), REPO.resolve("templates"), out))) {
            site.build(new SnapshotJson().parse(hostileSnapshot(), "hostile.json"));
        }

        List<String> problems = new ArrayList<>();
        int pages = 0;
        String allText = "";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(p -> p.toString().endsWith(".html")).toList();
        }
        for (Path f : files) {
            pages++;
            String raw = Files.readString(f, StandardCharsets.UTF_8);
            String name = out.relativize(f).toString();
            for (char c : raw.toCharArray()) {
                if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || (c >= 0x202a && c <= 0x202e)) {
                    problems.add(name + ": control character U+" + String.format("%04X", (int) c));
                    break;
                }
            }
            Document doc = Jsoup.parse(raw);
            for (Element script : doc.select("script")) {
                // The site's own scripts only: its code, the vendored search library and the search data files.
                if (!script.attr("src").matches("(/|(\\.\\./)*)(static/site|static/vendor/minisearch|search-index|search-status)\\.js")
                        || !script.data().isEmpty()) {
                    problems.add(name + ": script " + script.outerHtml());
                }
            }
            for (Element e : doc.getAllElements()) {
                for (Attribute a : e.attributes()) {
                    String key = a.getKey().toLowerCase(Locale.ROOT);
                    String value = a.getValue().strip().toLowerCase(Locale.ROOT);
                    if (key.startsWith("on")) {
                        problems.add(name + ": handler " + key + " on <" + e.tagName() + ">");
                    }
                    if (Set.of("href", "src", "action", "formaction", "xlink:href").contains(key) && value.startsWith("javascript:")) {
                        problems.add(name + ": " + key + "=" + a.getValue());
                    }
                }
            }
            for (String tag : List.of("img", "object", "embed", "frame")) {
                if (!doc.select(tag).isEmpty()) {
                    problems.add(name + ": <" + tag + "> element");
                }
            }
            String text = doc.text();
            if (text.contains("&amp;amp;")) {
                problems.add(name + ": escaped twice");
            }
            allText += text + "\n";
        }
        assertThat(pages).isGreaterThan(5);
        assertThat(problems).isEmpty();
        // The hostile text is still there for people to read, escaped once.
        assertThat(allText).contains("<script>alert(1)</script>", "javascript:alert(1)", "@everyone", "</pre>", "model &amp; failing");
    }

    private static String q(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    /** Every host-given field of the snapshot holds one of the hostile strings. */
    private static String hostileSnapshot() throws Exception {
        StringBuilder hosts = new StringBuilder();
        StringBuilder findings = new StringBuilder();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String evil = q(HOSTILE.get(i));
            hosts.append(i > 0 ? "," : "").append("{\"name\":").append(q("h" + i + HOSTILE.get(i))).append(",\"address\":").append(evil)
                    .append(",\"tags\":[").append(evil).append("],\"reachable\":").append(i % 2 == 0).append("}");
            findings.append(i > 0 ? "," : "").append("{\"check\":\"disk-usage\",\"host\":").append(q("h" + i + HOSTILE.get(i)))
                    .append(",\"subject\":").append(q("/dev/sda (" + HOSTILE.get(i) + ")")).append(",\"severity\":\"CRIT\"")
                    .append(",\"message\":").append(q("model " + HOSTILE.get(i) + " failing")).append(",\"runbook\":\"runbook/disks#disk-full\"}");
        }
        return "{\"schemaVersion\":1,\"generatedAt\":\"2026-12-03T06:00:00Z\",\"lab\":" + q(HOSTILE.get(1))
                + ",\"hosts\":[" + hosts + "],\"checks\":[{\"id\":\"disk-usage\",\"title\":" + q(HOSTILE.get(0)) + "}]"
                + ",\"findings\":[" + findings + "],\"history\":[]"
                + ",\"runs\":[{\"id\":" + q(HOSTILE.get(3)) + ",\"job\":" + q(HOSTILE.get(0)) + ",\"trigger\":" + q(HOSTILE.get(5))
                + ",\"startedAt\":\"2026-12-03T05:00:00Z\",\"worst\":\"WARN\",\"findings\":1}]"
                + ",\"schedules\":[],\"commands\":[]}";
    }
}
