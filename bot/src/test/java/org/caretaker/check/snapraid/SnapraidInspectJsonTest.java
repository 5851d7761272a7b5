package org.caretaker.check.snapraid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.caretaker.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code caretaker inspect snapraid-* --json}: the metrics programs read. */
class SnapraidInspectJsonTest {
    private static final String DIR = "src/test/resources/fixtures/snapraid/";

    private static JsonNode inspectJson(String parser, String fixture) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.execute("inspect", parser, DIR + fixture, "--json");
        return new ObjectMapper().readTree(out.toString()).get("findings");
    }

    @Test
    void diff_hasTheSixChangeCounts() throws Exception {
        JsonNode f = inspectJson("snapraid-diff", "real/3-diff.txt").get(0);

        assertThat(f.get("check").asText()).isEqualTo("snapraid");
        JsonNode m = f.get("metrics");
        assertThat(m.get("added").asLong()).isEqualTo(20);
        assertThat(m.get("removed").asLong()).isEqualTo(30);
        assertThat(m.get("updated").asLong()).isEqualTo(5);
        assertThat(m.get("moved").asLong()).isEqualTo(3);
        assertThat(m.get("copied").asLong()).isZero();
        assertThat(m.get("restored").asLong()).isZero();
    }

    @Test
    void statusAndScrub_haveErrors() throws Exception {
        assertThat(inspectJson("snapraid-status", "public/status-danger-781-errors.txt").get(0)
                .get("metrics").get("errors").asLong()).isEqualTo(781);
        assertThat(inspectJson("snapraid-status", "real/4-status.txt").get(0)
                .get("metrics").get("errors").asLong()).isZero();
        JsonNode scrub = inspectJson("snapraid-scrub", "captured/10-scrub-errors.txt").get(0);
        assertThat(scrub.get("severity").asText()).isEqualTo("CRIT");
        assertThat(scrub.get("metrics").get("errors").asLong()).isEqualTo(1);
        assertThat(inspectJson("snapraid-scrub", "real/4-scrub.txt").get(0).get("metrics").get("errors").asLong()).isZero();
    }
}
