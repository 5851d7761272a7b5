package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caretaker.site.snapshot.SnapshotJson;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything in a snapshot came from hosts and is untrusted. A snapshot full of markup and script URLs in
 * host names, disk models, subjects, messages, commands and schedules must give a site with no executable
 * markup: the only scripts are the site's own, no element has an event handler, no link runs code, and the
 * only frames are the site's own live-state fragments.
 */
class SiteGenerator_HostileSnapshotTest {
    private static final String[] EVIL = {
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "javascript:alert(3)",
        "'><svg onload=alert(4)>",
        "</title><script>alert(5)</script>",
        "../../../../etc/passwd",
    };

    @TempDir
    Path out;

    @Test
    void hostileSnapshot_yieldsNoExecutableMarkup() throws Exception {
        String json = hostileSnapshot();
        Map<String, byte[]> files;
        try (SiteGenerator site = TestSites.load(TestSites.fixtureContent(), out)) {
            site.build(new SnapshotJson().parse(json, "hostile.json"));
        }
        files = TestSites.files(out);

        List<String> problems = new ArrayList<>();
        int pages = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertThat(out.resolve(f.getKey()).normalize()).startsWith(out);
            if (!f.getKey().endsWith(".html")) {
                continue;
            }
            pages++;
            Document doc = Jsoup.parse(new String(f.getValue(), StandardCharsets.UTF_8));
            for (Element script : doc.select("script")) {
                if (!script.attr("src").matches("(/|(\\.\\./)*)(static/site|static/vendor/minisearch|search-index|search-status)\\.js")
                        || !script.data().isEmpty()) {
                    problems.add(f.getKey() + ": script " + script.outerHtml());
                }
            }
            for (Element e : doc.getAllElements()) {
                for (Attribute a : e.attributes()) {
                    String value = a.getValue().strip().toLowerCase(java.util.Locale.ROOT);
                    if (a.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on")) {
                        problems.add(f.getKey() + ": handler " + a.getKey() + " on <" + e.tagName() + ">");
                    }
                    if ((a.getKey().equals("href") || a.getKey().equals("src") || a.getKey().equals("action")
                            || a.getKey().equals("xlink:href")) && value.startsWith("javascript:")) {
                        problems.add(f.getKey() + ": " + a.getKey() + "=" + a.getValue());
                    }
                }
            }
            for (Element frame : doc.select("iframe")) {
                if (!frame.attr("src").matches("(\\.\\./)*live/[a-z0-9_-]+\\.html")) {
                    problems.add(f.getKey() + ": iframe " + frame.outerHtml());
                }
            }
            for (String tag : List.of("img", "object", "embed", "frame")) {
                if (!doc.select(tag).isEmpty()) {
                    problems.add(f.getKey() + ": <" + tag + "> element");
                }
            }
        }
        assertThat(pages).isGreaterThan(10);
        assertThat(problems).isEmpty();

        // The search data is a script: host names in it are JSON strings that cannot close a script element.
        String status = new String(files.get("search-status.js"), StandardCharsets.UTF_8);
        assertThat(status).doesNotContain("<", ">").contains("\\u003cscript\\u003ealert(1)");

        // The text is still there, escaped, for people to read.
        String home = new String(files.get("index.html"), StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(home).text()).contains("<script>alert(1)</script>", "javascript:alert(3)");
        // Host pages got file names made from the names, never the names themselves.
        assertThat(files.keySet()).allMatch(k -> k.matches("[a-z0-9_./-]+"), "safe file names");
        assertThat(files.keySet().stream().filter(k -> k.startsWith("hosts/")).count()).isEqualTo(EVIL.length);
    }

    private static String hostileSnapshot() {
        StringBuilder hosts = new StringBuilder();
        StringBuilder findings = new StringBuilder();
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < EVIL.length; i++) {
            String evil = q(EVIL[i]);
            hosts.append(i > 0 ? "," : "").append("{\"name\":").append(evil).append(",\"address\":").append(evil)
                    .append(",\"tags\":[").append(evil).append("],\"reachable\":").append(i % 2 == 0).append("}");
            findings.append(i > 0 ? "," : "").append("{\"check\":").append(evil).append(",\"host\":").append(evil)
                    .append(",\"subject\":").append(q("/dev/sda (" + EVIL[i] + ")")).append(",\"severity\":\"CRIT\"")
                    .append(",\"message\":").append(q("model " + EVIL[i] + " failing")).append(",\"runbook\":\"runbook/zfs#degraded-pool\"}");
            history.append(i > 0 ? "," : "").append("{\"check\":").append(evil).append(",\"host\":").append(evil)
                    .append(",\"subject\":").append(evil).append(",\"metric\":").append(evil)
                    .append(",\"points\":[{\"at\":\"2026-12-02T06:00:00Z\",\"value\":1,\"severity\":\"WARN\"},")
                    .append("{\"at\":\"2026-12-03T06:00:00Z\",\"value\":2,\"severity\":\"CRIT\"}]}");
        }
        String evil = q(EVIL[1]);
        return "{\"schemaVersion\":1,\"generatedAt\":\"2026-12-03T06:00:00Z\",\"lab\":" + evil
                + ",\"hosts\":[" + hosts + "],\"checks\":[{\"id\":" + q(EVIL[2]) + ",\"title\":" + evil + "}]"
                + ",\"findings\":[" + findings + "],\"history\":[" + history + "]"
                + ",\"runs\":[{\"id\":" + evil + ",\"job\":" + q(EVIL[0]) + ",\"trigger\":" + q(EVIL[2])
                + ",\"startedAt\":\"2026-12-03T05:00:00Z\",\"worst\":\"WARN\",\"findings\":1}]"
                + ",\"schedules\":[{\"id\":" + evil + ",\"cron\":" + q(EVIL[0]) + ",\"timeZone\":" + q(EVIL[3])
                + ",\"checks\":[" + q(EVIL[2]) + "],\"nextFires\":[\"2026-12-04T06:00:00Z\"]}]"
                + ",\"commands\":[{\"name\":" + evil + ",\"usage\":" + q(EVIL[0]) + ",\"description\":" + q(EVIL[2])
                + ",\"role\":" + q(EVIL[3]) + "}]}";
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
