package org.caretaker.chat.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.HostConfig;
import org.caretaker.config.Role;
import org.caretaker.diag.BundleArchive;
import org.caretaker.diag.DiagKind;
import org.caretaker.diag.Diagnosis;
import org.caretaker.diag.Diagnostics;
import org.caretaker.report.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /diag <freeze|storage|containers|k8s> [host]}: gathers a diagnostic bundle now and answers with what it
 * shows, the summary and problems first; the raw bundle comes along as a text file and is kept under the data
 * directory. Reads only: nothing on the host changes.
 */
public final class DiagCommand implements ChatCommand {
    private static final Logger LOG = LoggerFactory.getLogger(DiagCommand.class);
    private static final CommandSpec SPEC = CommandSpec.reading("diag", "/diag <kind> [host]",
            "Gathers a diagnostic bundle now (freeze, storage, containers, k8s) and attaches the raw output.", Role.OPERATOR);

    /** Keeps a finished diagnostic in the run history: who asked, what it concluded, where its bundle is. */
    @FunctionalInterface
    public interface Recorder {
        /** @return a sentence for the user naming the stored run */
        String record(Diagnosis diagnosis, String requestedBy, Optional<Path> bundle) throws Exception;
    }

    private final Diagnostics diagnostics;
    private final BundleArchive archive;
    private final Recorder recorder;

    public DiagCommand(Diagnostics diagnostics, BundleArchive archive) {
        this(diagnostics, archive, (d, by, file) -> "");
    }

    public DiagCommand(Diagnostics diagnostics, BundleArchive archive, Recorder recorder) {
        this.diagnostics = diagnostics;
        this.archive = archive;
        this.recorder = recorder;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        Optional<DiagKind> kind = DiagKind.of(req.args().get(0));
        if (kind.isEmpty()) {
            return Report.text("/diag refused", Severity.WARN,
                    "Unknown diagnostic '" + req.args().get(0) + "'; known: " + DiagKind.known() + ".");
        }
        HostConfig host;
        try {
            host = diagnostics.host(kind.get(), req.args().size() > 1 ? Optional.of(req.args().get(1)) : Optional.empty());
        } catch (IllegalArgumentException e) {
            return Report.text("/diag refused", Severity.WARN, e.getMessage() + ".");
        }
        Diagnosis d = diagnostics.run(kind.get(), host);
        Optional<Path> saved = Optional.empty();
        String kept;
        try {
            saved = Optional.of(archive.save(d.bundle()));
            kept = "The raw bundle is attached and kept as " + saved.get().getFileName() + " in the data directory.";
        } catch (IOException e) {
            LOG.warn("diagnostic bundle not saved kind={} host={} reason=\"{}\"", d.kind().id(), d.bundle().host(), e.getMessage());
            kept = "The raw bundle is attached; keeping a copy in the data directory failed (" + e.getMessage() + ").";
        }
        try {
            String run = recorder.record(d, req.user().qualifiedId(), saved);
            kept = run.isEmpty() ? kept : kept + " " + run;
        } catch (Exception e) {
            LOG.warn("diagnostic not recorded in history kind={} host={} reason=\"{}\"", d.kind().id(), d.bundle().host(), e.getMessage());
        }
        return report(d, kept);
    }

    static Report report(Diagnosis d, String kept) {
        List<Finding> summary = d.findings().stream().filter(f -> f.subject().equals("summary")).toList();
        List<Finding> rest = new ArrayList<>(d.findings().stream().filter(f -> !f.subject().equals("summary")).toList());
        rest.sort(Lines.WORST_FIRST);
        List<Report.Line> lines = new ArrayList<>();
        for (Finding f : summary) {
            lines.add(Report.Line.of(f.severity(), f.message(), f.runbook()));
        }
        for (Finding f : rest.subList(0, Math.min(rest.size(), Lines.MAX_LINES))) {
            lines.add(Report.Line.of(f.severity(), f.check() + (f.subject().equals("-") ? "" : " " + f.subject()) + ": " + f.message(),
                    f.runbook()));
        }
        if (rest.size() > Lines.MAX_LINES) {
            lines.add(Report.Line.plain("… and " + (rest.size() - Lines.MAX_LINES) + " more in the attached bundle ("
                    + Lines.counts(rest.subList(Lines.MAX_LINES, rest.size())) + ")."));
        }
        lines.add(Report.Line.plain(kept));
        String title = d.kind().id() + " on " + d.bundle().host() + ": " + d.worst().name() + " (" + Lines.counts(d.findings()) + ")";
        return new Report(title, d.worst(), List.of(new Report.Section("", lines)),
                List.of(new Report.Attachment(d.bundle().fileName(), d.bundle().text())), List.of());
    }
}
