package org.caretaker.diag;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.ExecutorFactory;
import org.caretaker.check.Finding;
import org.caretaker.check.Findings;
import org.caretaker.check.Runbook;
import org.caretaker.check.Severity;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.HostConfig;
import org.caretaker.exec.ExecException;
import org.caretaker.exec.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one on-demand diagnostic on one host: the commands someone types from a phone when something is
 * wrong. Never throws for anything the host does: an unreachable host is one UNREACHABLE finding, and its
 * bundle says how far gathering got.
 */
public final class Diagnostics {
    private static final Logger LOG = LoggerFactory.getLogger(Diagnostics.class);

    private final CaretakerConfig config;
    private final ExecutorFactory executors;
    private final Clock clock;

    public Diagnostics(CaretakerConfig config, ExecutorFactory executors, Clock clock) {
        this.config = config;
        this.executors = executors;
        this.clock = clock;
    }

    /**
     * The host a diagnostic runs on: the named one, else the only host, else (for k8s) the one k3s server.
     *
     * @throws IllegalArgumentException naming the configured hosts when the choice is unknown or ambiguous
     */
    public HostConfig host(DiagKind kind, Optional<String> name) {
        List<HostConfig> hosts = config.hosts();
        if (name.isPresent()) {
            return config.host(name.get()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown host '" + name.get() + "'; configured: " + names(hosts)));
        }
        if (hosts.size() == 1) {
            return hosts.get(0);
        }
        if (kind == DiagKind.K8S) {
            List<HostConfig> servers = hosts.stream().filter(h -> h.hasTag("k3s-server")).toList();
            if (servers.size() == 1) {
                return servers.get(0);
            }
        }
        throw new IllegalArgumentException("name the host: " + kind.id() + " runs on one host; configured: " + names(hosts));
    }

    public Diagnosis run(DiagKind kind, HostConfig host) throws InterruptedException {
        long start = System.nanoTime();
        Gathering g;
        List<Finding> findings = new ArrayList<>();
        try (Executor executor = executors.open(host)) {
            g = new Gathering(host, executor, config.thresholds(), clock);
            try {
                findings.addAll(gatherAndJudge(kind, g));
            } catch (ExecException e) {
                Findings f = new Findings("diag-" + kind.id(), host.name());
                f.add(Severity.UNREACHABLE, "-", e.getMessage()).runbook(Runbook.HOST_UNREACHABLE);
                findings.addAll(f.list());
            }
        }
        Diagnosis d = new Diagnosis(kind, findings, g.bundle(kind.id()));
        LOG.info("diagnostic finished kind={} host={} severity={} sections={} tookMs={}", kind.id(), host.name(), d.worst(),
                d.bundle().sections().size(), (System.nanoTime() - start) / 1_000_000);
        return d;
    }

    private static List<Finding> gatherAndJudge(DiagKind kind, Gathering g) throws ExecException, InterruptedException {
        switch (kind) {
            case FREEZE: {
                List<Finding> smart = FreezeDiagnosis.gather(g);
                return FreezeDiagnosis.analyze(g.bundle(kind.id()), smart);
            }
            case STORAGE: {
                List<Finding> out = new ArrayList<>(StorageDiagnosis.gather(g));
                out.addAll(StorageDiagnosis.analyze(g.bundle(kind.id())));
                return out;
            }
            case CONTAINERS:
                return ContainersDiagnosis.gather(g);
            default: {
                List<Finding> out = new ArrayList<>(K8sDiagnosis.gather(g));
                out.addAll(K8sDiagnosis.analyze(g.bundle(kind.id())));
                return out;
            }
        }
    }

    private static String names(List<HostConfig> hosts) {
        return String.join(", ", hosts.stream().map(HostConfig::name).toList());
    }
}
