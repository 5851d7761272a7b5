package org.caretaker.check.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.caretaker.check.Check;
import org.caretaker.check.CheckContext;
import org.caretaker.check.Excerpt;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Inspector;
import org.caretaker.check.Thresholds;
import org.caretaker.check.ToolMissingException;
import org.caretaker.check.UnparseableOutputException;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.Command;
import org.caretaker.exec.CommandOutput;
import org.caretaker.exec.ExecException;

/**
 * {@code prometheus-targets}: asks the monitoring host's Prometheus which scrape targets are down. Prometheus
 * usually listens on loopback only, so the request runs on that host over SSH. A down target means an
 * exporter, a service or a whole host stopped answering, and the dashboards and alerts built on it are blind.
 */
public final class PrometheusTargetsCheck implements Check {
    public static final String ID = "prometheus-targets";
    static final String RUNBOOK = "runbook/monitoring#target-down";
    static final String DEFAULT_URL = "http://127.0.0.1:9090";

    /**
     * The base URL arrives as "$1", never inside the script text. No {@code curl -f}: Prometheus explains
     * errors in a JSON body with a 4xx/5xx status, and {@code -f} would throw that explanation away.
     */
    static final String FETCH = "url=\"$1/api/v1/targets?state=active\"; "
            + "if command -v curl >/dev/null 2>&1; then exec curl -sS --max-time 10 \"$url\"; fi; "
            + "if command -v wget >/dev/null 2>&1; then exec wget -qO- -T 10 \"$url\"; fi; "
            + "echo \"$0: curl and wget: not found\" >&2; exit 127";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        return "Prometheus scrape targets that are down (/api/v1/targets on the monitoring host)";
    }

    @Override
    public boolean appliesTo(HostConfig host) {
        return host.hasTag("monitoring");
    }

    @Override
    public String appliesWhen() {
        return "hosts tagged monitoring";
    }

    @Override
    public List<Inspector> inspectors() {
        return List.of(new Inspector("prometheus-targets", "answer of Prometheus' /api/v1/targets", ID, thresholdDefaults(),
                PrometheusTargetsCheck::evaluate));
    }

    static void evaluate(String text, Thresholds t, Findings f) throws UnparseableOutputException {
        evaluate(TargetsParser.parse(text), f);
    }

    static void evaluate(List<Target> targets, Findings f) {
        int up = 0;
        for (Target t : targets) {
            String what = "target " + t.instance() + " (job " + t.job() + ")";
            switch (t.health()) {
                case "up" -> up++;
                case "down" -> f.crit(t.subject(), what + " is down"
                        + (t.lastError().isEmpty() ? "" : ": " + shorten(t.lastError()))).runbook(RUNBOOK);
                case "unknown" -> f.warn(t.subject(), what + " has not been scraped yet (health unknown)").runbook(RUNBOOK);
                default -> f.warn(t.subject(), what + " has health '" + t.health() + "'").runbook(RUNBOOK);
            }
        }
        if (targets.isEmpty()) {
            f.warn("-", "Prometheus has no active targets: it scrapes nothing").metric("targets_up", 0).runbook(RUNBOOK);
        } else if (up > 0) {
            f.ok("-", up == targets.size() ? up + (up == 1 ? " target up" : " targets up")
                            : up + " of " + targets.size() + " targets up")
                    .metric("targets_up", up).metric("targets_total", targets.size()).runbook(RUNBOOK);
        }
    }

    static String baseUrl(HostConfig host) {
        String url = host.expect().prometheus().map(URI::toString).orElse(DEFAULT_URL);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws ExecException, UnparseableOutputException, InterruptedException {
        String base = baseUrl(ctx.host());
        CommandOutput out = ctx.exec(new Command(List.of("sh", "-c", FETCH, "prometheus-targets", base),
                Duration.ofSeconds(20), "prometheus targets", false));
        if (out.commandMissing()) {
            throw new ToolMissingException("curl or wget", out.combined());
        }
        if (out.exitCode() != 0) {
            throw new UnparseableOutputException("Prometheus at " + withoutPassword(base) + " did not answer (exit code "
                    + out.exitCode() + ")", out.combined());
        }
        Findings f = ctx.findings();
        evaluate(out.stdout(), ctx.thresholds(), f);
        return f.list();
    }

    /** A URL with {@code user:password@} is fine to use but not to show in chat. */
    static String withoutPassword(String url) {
        return url.replaceFirst("^(https?://)[^/@]*@", "$1");
    }

    /** Scrape errors can quote whole TLS chains; a phone line needs a cut. */
    private static String shorten(String s) {
        String e = Excerpt.of(s, 300);
        return e.substring(1, e.length() - 1);
    }
}
