package org.caretaker.chat.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.junit.jupiter.api.Test;

/** Whole-output assertions on the HTML, and the splitting rules checked on many random reports. */
class TelegramRendererTest {
    private final TelegramRenderer renderer = new TelegramRenderer();

    private static Report hostile() {
        return new Report("nas01 <script> & co: 2 problems", Severity.CRIT, List.of(
                new Report.Section("Disks <b>", List.of(
                        Report.Line.of(Severity.CRIT, "model \"WD</pre><a href=x>\" & 90% \u202Egnp.exe", "runbook/zfs#degraded-pool"),
                        Report.Line.of(Severity.OK, "line one\nline two", ""),
                        Report.Line.code("  a < b && c > d"),
                        Report.Line.code("\tx\u0007y"),
                        Report.Line.plain("done"))),
                new Report.Section("", List.of())),
                List.of(), List.of(new Report.Action("Confirm sync", "/confirm 7f3a"),
                        new Report.Action("Too long", "/confirm " + "x".repeat(60))));
    }

    @Test
    void hostileHostText_isEscaped_markersRunbooksAndCodeBlocks() {
        TelegramRenderer.Rendering r = renderer.render(hostile());

        assertThat(r.messages()).containsExactly("""
                🔴 <b>nas01 &lt;script&gt; &amp; co: 2 problems</b>

                <b>Disks &lt;b&gt;</b>
                🔴 model "WD&lt;/pre&gt;&lt;a href=x&gt;" &amp; 90% gnp.exe
                   → runbook/zfs#degraded-pool
                ✅ line one line two
                <pre>  a &lt; b &amp;&amp; c &gt; d
                    xy</pre>
                done


                Too long: send <code>/confirm XS</code>""".replace("XS", "x".repeat(60)));
        assertThat(r.buttons()).containsExactly(new Report.Action("Confirm sync", "/confirm 7f3a"));
        assertThat(r.documents()).isEmpty();
        assertThat(FakeBotApi.htmlProblem(r.messages().get(0), "html")).isNull();
    }

    @Test
    void runbookAnchors_becomeLinks_whenTheSiteAddressIsKnown() {
        Report report = new Report("t", Severity.WARN, List.of(new Report.Section("", List.of(
                Report.Line.of(Severity.WARN, "disk full", "runbook/disks#full"),
                Report.Line.of(Severity.WARN, "odd", "runbook/x\"><b>")))), List.of(), List.of());

        String html = new TelegramRenderer(URI.create("http://nas.lan:8484")).render(report).messages().get(0);

        assertThat(html).isEqualTo("""
                ⚠️ <b>t</b>

                ⚠️ disk full
                   → <a href="http://nas.lan:8484/runbook/disks.html#full">runbook/disks#full</a>
                ⚠️ odd
                   → runbook/x"&gt;&lt;b&gt;""");
        assertThat(FakeBotApi.htmlProblem(html, "html")).isNull();
    }

    @Test
    void attachments_goAsDocuments_andVeryLongReports_asTheFullTextAttached() {
        List<Report.Line> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(Report.Line.code("row " + i + " <data>"));
        }
        Report report = new Report("big", Severity.OK, List.of(new Report.Section("Output", lines)),
                List.of(new Report.Attachment("raw.log", "raw")), List.of(new Report.Action("Again", "/check all")));

        TelegramRenderer.Rendering r = renderer.render(report);

        assertThat(r.messages()).containsExactly("✅ <b>big</b>\n\nThe full report is too long for messages; it is attached as report.txt (2010 lines).");
        assertThat(r.documents()).extracting(Report.Attachment::fileName).containsExactly("report.txt", "raw.log");
        assertThat(r.documents().get(0).content()).contains("row 0 <data>", "row 1999 <data>");
        assertThat(r.buttons()).extracting(Report.Action::command).containsExactly("/check all");
    }

    @Test
    void split_cutsOnLineBreaks_andClosesAndReopensTags() {
        String html = "<b>title</b>\n<pre>one\ntwo\nthree\nfour</pre>\nend";

        assertThat(TelegramRenderer.split(html, 30)).containsExactly(
                "<b>title</b>\n<pre>one</pre>",
                "<pre>two\nthree\nfour</pre>\nend");
        assertThat(TelegramRenderer.split(html, 24)).containsExactly(
                "<b>title</b>",
                "<pre>one\ntwo</pre>",
                "<pre>three\nfour</pre>",
                "end");
    }

    @Test
    void split_ofALineLongerThanTheLimit_cutsBetweenCharacters_neverInsideAnEntity() {
        String html = "<pre>" + "&amp;x".repeat(20) + "</pre>";

        List<String> parts = TelegramRenderer.split(html, 40);

        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(40);
            assertThat(p).startsWith("<pre>").endsWith("</pre>");
            assertThat(FakeBotApi.htmlProblem(p, "html")).isNull();
        });
        assertThat(String.join("", parts.stream().map(FakeBotApi::stripTags).toList())).isEqualTo("&amp;x".repeat(20));
    }

    @Test
    void split_neverCutsATag_orDropsALine_onRandomReports() {
        Random random = new Random(42);
        String alphabet = "abc <>&\"' é🙂\t";
        for (int round = 0; round < 300; round++) {
            List<Report.Line> lines = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                StringBuilder text = new StringBuilder("L" + i + " ");
                int len = random.nextInt(random.nextInt(10) == 0 ? 400 : 40);
                for (int k = 0; k < len; k++) {
                    text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                lines.add(random.nextBoolean() ? Report.Line.code(text.toString())
                        : new Report.Line(Severity.values()[random.nextInt(Severity.values().length)], text.toString(),
                                random.nextBoolean() ? "runbook/a#b" : "", false));
            }
            String html = renderer.html(new Report("r" + round, Severity.OK, List.of(new Report.Section("h", lines)), List.of(), List.of()), List.of());
            int limit = 60 + random.nextInt(300);

            List<String> parts = TelegramRenderer.split(html, limit);

            for (String p : parts) {
                assertThat(p.length()).as("round %d limit %d", round, limit).isLessThanOrEqualTo(limit);
                assertThat(FakeBotApi.htmlProblem(p, "html")).as("round %d: %s", round, p).isNull();
                assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            }
            String sent = FakeBotApi.stripTags(String.join("", parts)).replaceAll("\\s", "");
            assertThat(sent).as("round %d", round).isEqualTo(FakeBotApi.stripTags(html).replaceAll("\\s", ""));
            List<String> whole = FakeBotApi.stripTags(html).lines().filter(l -> l.length() + 40 < limit).map(String::strip).toList();
            List<String> sentLines = parts.stream().flatMap(p -> FakeBotApi.stripTags(p).lines()).map(String::strip).toList();
            assertThat(sentLines).as("round %d", round).containsAll(whole);
        }
    }

    @Test
    void split_refusesALimitThatCannotHoldAnything() {
        assertThatThrownBy(() -> TelegramRenderer.split("x", 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be at least 16, found 10");
    }
}
