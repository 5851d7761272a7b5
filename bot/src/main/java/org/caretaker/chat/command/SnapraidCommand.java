package org.caretaker.chat.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Finding;
import org.caretaker.check.Severity;
import org.caretaker.config.Role;
import org.caretaker.job.Checks;
import org.caretaker.job.Trigger;
import org.caretaker.maintenance.Procedures;
import org.caretaker.maintenance.SyncBlock;
import org.caretaker.maintenance.SyncBlocks;
import org.caretaker.report.Report;

/**
 * {@code /snapraid status|diff|smart|sync|scrub|fix [host]} and {@code /snapraid approve <code>}. Status, diff
 * and smart only read; sync, scrub and fix change the array, and approve lets a blocked sync through, so those
 * need an admin and a confirmation. A sync started here is the guarded weekly procedure: it respects a sync
 * block like the scheduled run does.
 */
public final class SnapraidCommand implements ChatCommand {
    private static final Set<String> CHANGING = Set.of("sync", "scrub", "fix", "approve");
    private static final List<String> ACTIONS = List.of("status", "diff", "smart", "sync", "scrub", "fix", "approve");
    private static final CommandSpec SPEC = new CommandSpec("snapraid", "/snapraid <action> [host or code]",
            "SnapRAID: status, diff, smart, sync, scrub or fix on a host, or approve a blocked sync by its code.",
            Role.OPERATOR, args -> !args.isEmpty() && CHANGING.contains(args.get(0)), ACTIONS);
    private static final Pattern CODE = Pattern.compile("[0-9a-f]{10}");

    private final Checks checks;
    private final Procedures procedures;
    private final SyncBlocks blocks;
    private final Duration approvalTtl;
    private final Clock clock;

    public SnapraidCommand(Checks checks, Procedures procedures, SyncBlocks blocks, Duration approvalTtl, Clock clock) {
        this.checks = checks;
        this.procedures = procedures;
        this.blocks = blocks;
        this.approvalTtl = approvalTtl;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) throws Exception {
        String action = req.args().get(0);
        Optional<String> arg = req.args().size() > 1 ? Optional.of(req.args().get(1)) : Optional.empty();
        if (action.equals("approve")) {
            return approve(arg, req.user().qualifiedId());
        }
        if (!ACTIONS.contains(action)) {
            return Report.text("/snapraid refused", Severity.WARN,
                    "Unknown action '" + action + "'; known: " + String.join(", ", ACTIONS) + ".");
        }
        Trigger trigger = Trigger.chat(req.user().qualifiedId());
        List<Finding> findings;
        try {
            findings = switch (action) {
                case "status" -> checks.runNow("snapraid", arg, trigger);
                case "sync" -> procedures.runNow("snapraid-weekly", arg, trigger);
                default -> procedures.runNow("snapraid-" + action, arg, trigger);
            };
        } catch (IllegalArgumentException e) {
            return Report.text("/snapraid refused", Severity.WARN, e.getMessage());
        }
        return FindingsReport.of("snapraid " + action + " on " + arg.orElse("every array host"), findings);
    }

    private Report approve(Optional<String> code, String user) throws Exception {
        if (code.isEmpty() || !CODE.matcher(code.get()).matches()) {
            return Report.text("/snapraid refused", Severity.WARN,
                    "Approve a blocked sync by its code: /snapraid approve <code>, ten digits and letters a-f from the weekly report.");
        }
        Instant until = clock.instant().plus(approvalTtl);
        Optional<SyncBlock> b = blocks.approve(code.get(), user, until);
        if (b.isEmpty()) {
            return Report.text("/snapraid refused", Severity.WARN, "No blocked sync has the code " + code.get()
                    + ": it was synced or blocked again with a new code since; /snapraid diff shows the current one.");
        }
        return Report.text("Sync approved on " + b.get().host(), Severity.OK,
                "Approved " + b.get().summary() + " on " + b.get().host() + " until " + until + ".",
                "The next sync (the weekly run, or /snapraid sync " + b.get().host() + ") goes ahead if the diff is still exactly this one.");
    }
}
