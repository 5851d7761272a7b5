package org.caretaker.check.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caretaker.check.Fixtures.inspect;
import static org.caretaker.check.Fixtures.read;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.Finding;
import org.caretaker.check.Fixtures;
import org.caretaker.check.ScriptedContext;
import org.caretaker.check.Severity;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.Expectations;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.junit.jupiter.api.Test;

class PrometheusTargetsCheckTest {
    private static final String DOWN = "captured/prometheus-targets-1-up-1-down-connection-refused.json";

    @Test
    void downTarget_isCriticalWithJobInstanceAndError() {
        List<Finding> findings = inspect("prometheus-targets", DOWN);

        assertThat(findings).extracting(Finding::subject, Finding::severity, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node/127.0.0.1:19100", Severity.CRIT,
                        "target 127.0.0.1:19100 (job node) is down: Get \"http://127.0.0.1:19100/metrics\": "
                                + "dial tcp 127.0.0.1:19100: connect: connection refused"),
                org.assertj.core.groups.Tuple.tuple("-", Severity.OK, "1 of 2 targets up"));
        assertThat(findings).extracting(Finding::runbook).containsOnly("runbook/monitoring#target-down");
        assertThat(findings.get(1).metrics()).containsEntry("targets_up", 1.0).containsEntry("targets_total", 2.0);
    }

    @Test
    void allUp_isOneOkLine() {
        assertThat(inspect("prometheus-targets", "captured/prometheus-targets-1-up.json")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.OK);
            assertThat(f.message()).isEqualTo("1 target up");
        });
        assertThat(inspect("prometheus-targets", "public/prometheus/api-v1-targets-docs-example-active-and-dropped.json"))
                .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("1 target up"));
        assertThat(inspect("prometheus-targets", "public/prometheus/api-v1-targets-docs-example-state-active.json"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void notScrapedYet_isWarning() {
        List<Finding> findings = inspect("prometheus-targets", "captured/prometheus-targets-2-unknown-before-first-scrape.json");

        assertThat(findings).extracting(Finding::severity, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.WARN, "target 127.0.0.1:19100 (job node) has not been scraped yet (health unknown)"),
                org.assertj.core.groups.Tuple.tuple(Severity.WARN,
                        "target 127.0.0.1:19090 (job prometheus) has not been scraped yet (health unknown)"));
    }

    @Test
    void noTargets_isWarning() {
        assertThat(inspect("prometheus-targets", "captured/prometheus-targets-empty-before-discovery.json")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARN);
                    assertThat(f.message()).isEqualTo("Prometheus has no active targets: it scrapes nothing");
                });
    }

    @Test
    void apiError_isUnknownInPrometheusWords() {
        assertThat(inspect("prometheus-targets", "captured/prometheus-api-error-bad-data.json")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("Prometheus answered with an error (bad_data): invalid parameter \"query\": "
                    + "1:4: parse error: unexpected end of input inside braces: \"{\"status\":\"error\",\"errorType\":\"bad_data\","
                    + "\"error\":\"invalid parameter \\\"query\\\": 1:4: parse error: unexpected end of input inside braces\"}\"");
        });
    }

    @Test
    void garbage_isUnknownWithExcerpt() {
        assertThat(Fixtures.inspector("prometheus-targets").inspect("404 page not found\n")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.message()).isEqualTo("not valid Prometheus API JSON: \"404 page not found\"");
        });
        assertThat(Fixtures.inspector("prometheus-targets").inspect("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}"))
                .singleElement().satisfies(f -> assertThat(f.message())
                        .startsWith("not an answer of /api/v1/targets (no data.activeTargets): "));
    }

    @Test
    void parser_throwsNothingButUnparseableOnOddShapes() {
        List<String> inputs = List.of("null", "[]", "{}", "{\"status\":null}", "{\"status\":\"error\",\"error\":{}}",
                "{\"status\":\"success\",\"data\":{\"activeTargets\":[null,1,{\"labels\":[]}]}}",
                "{\"status\":\"success\",\"data\":{\"activeTargets\":[{\"labels\":{\"instance\":5},\"health\":{}}]}}",
                "[".repeat(5000), "{} x");
        for (String in : inputs) {
            try {
                TargetsParser.parse(in);
            } catch (UnparseableOutputException refused) {
                // refusing is fine; anything else escaping is the bug this test looks for
            }
        }
    }

    @Test
    void run_passesTheConfiguredUrlAsAnArgumentNotInTheScript() throws Exception {
        HostConfig host = ScriptedContext.host("mon", new Expectations(List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.of(URI.create("http://10.0.0.5:9090/"))), "monitoring");
        ScriptedContext ctx = new ScriptedContext(new PrometheusTargetsCheck(), host).answer("/api/v1/targets", read(DOWN));

        List<Finding> findings = ctx.run();

        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.CRIT, Severity.OK);
        Command c = ctx.asked().get(0);
        assertThat(c.argv()).containsExactly("sh", "-c", PrometheusTargetsCheck.FETCH, "prometheus-targets", "http://10.0.0.5:9090");
        assertThat(c.root()).isFalse();
    }

    @Test
    void run_defaultsToLoopback9090() throws Exception {
        ScriptedContext ctx = new ScriptedContext(new PrometheusTargetsCheck(), ScriptedContext.host("mon", "monitoring"))
                .answer("/api/v1/targets", read("captured/prometheus-targets-1-up.json"));

        ctx.run();

        assertThat(ctx.asked().get(0).argv()).endsWith("http://127.0.0.1:9090");
    }

    @Test
    void run_prometheusNotListening_isUnknownWithCurlsWords() {
        ScriptedContext ctx = new ScriptedContext(new PrometheusTargetsCheck(), ScriptedContext.host("mon", "monitoring"))
                .answer("/api/v1/targets", 7, "", read("captured/curl-prometheus-connection-refused.txt"));

        assertThatThrownBy(ctx::run).isInstanceOfSatisfying(UnparseableOutputException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Prometheus at http://127.0.0.1:9090 did not answer (exit code 7)");
            assertThat(e.excerpt()).isEqualTo("\"curl: (7) Failed to connect to 127.0.0.1 port 19090 after 0 ms: "
                    + "Couldn't connect to server\"");
        });
    }

    @Test
    void run_neitherCurlNorWget_isToolMissing() {
        ScriptedContext ctx = new ScriptedContext(new PrometheusTargetsCheck(), ScriptedContext.host("mon", "monitoring"))
                .answer("/api/v1/targets", 127, "", "prometheus-targets: curl and wget: not found\n");

        assertThatThrownBy(ctx::run).isInstanceOf(ToolMissingException.class)
                .hasMessage("curl or wget is not installed or not on the PATH");
    }

    @Test
    void passwordsInTheUrl_areNotShown() {
        assertThat(PrometheusTargetsCheck.withoutPassword("https://admin:s3cret@mon.lan:9090/prom"))
                .isEqualTo("https://mon.lan:9090/prom");
        assertThat(PrometheusTargetsCheck.withoutPassword("http://127.0.0.1:9090")).isEqualTo("http://127.0.0.1:9090");
    }

    @Test
    void appliesToMonitoringHosts() {
        assertThat(new PrometheusTargetsCheck().appliesTo(ScriptedContext.host("a", "monitoring"))).isTrue();
        assertThat(new PrometheusTargetsCheck().appliesTo(ScriptedContext.host("b", "docker"))).isFalse();
    }
}
