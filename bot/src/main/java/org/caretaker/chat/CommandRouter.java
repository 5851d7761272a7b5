package org.caretaker.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.caretaker.check.Severity;
import org.caretaker.report.Report;
import org.caretaker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every chat command goes, whatever platform it came from. In this order: the command must exist,
 * every argument must pass {@link Arguments}, {@link AccessPolicy} must allow it, and the decision must be
 * in the {@link AuditLog} — only then does the command run. Commands that change a host are answered
 * with a {@code /confirm <code>} action instead, and run when the same user confirms in time.
 *
 * <p>{@link #handle} never throws: whatever goes wrong is an answer, and no stack trace reaches a chat.
 */
public final class CommandRouter {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
    private static final String HELP_HINT = "Type /help for the commands you can use.";

    private final CommandRegistry registry;
    private final AccessPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final Confirmations confirmations;

    public CommandRouter(CommandRegistry registry, AccessPolicy policy, AuditLog audit, Clock clock) {
        this.registry = registry;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.confirmations = new Confirmations(policy.config().confirmTtl(), clock);
    }

    public Report handle(CommandRequest req) {
        try {
            return route(req);
        } catch (StoreException e) {
            LOG.error("command refused, audit log unavailable command={} user={} error={}", safeName(req.name()), req.user().qualifiedId(), e.getMessage());
            return Report.text("Nothing was run", Severity.UNKNOWN, "The audit log cannot be written right now, so no command runs. Try again later.");
        } catch (RuntimeException e) {
            LOG.error("command routing failed command={} user={}", safeName(req.name()), req.user().qualifiedId(), e);
            return failure(safeName(req.name()));
        }
    }

    /**
     * As {@link #handle}, but a decision that cannot be written to the audit log throws instead of being
     * answered: an adapter that can leave the command at its platform (Telegram keeps unconfirmed updates)
     * takes it again once the database is back.
     *
     * @throws StoreException when the audit log cannot be written; nothing was run
     */
    public Report handleAudited(CommandRequest req) throws StoreException {
        try {
            return route(req);
        } catch (RuntimeException e) {
            LOG.error("command routing failed command={} user={}", safeName(req.name()), req.user().qualifiedId(), e);
            return failure(safeName(req.name()));
        }
    }

    private Report route(CommandRequest req) throws StoreException {
        String raw = req.name() == null ? "" : req.name();
        String name = raw.startsWith("/") ? raw.substring(1) : raw;
        if (name.equals(CommandRegistry.CONFIRM)) {
            return confirm(req);
        }
        Optional<ChatCommand> command = CommandSpec.NAME.matcher(name).matches() ? registry.find(name) : Optional.empty();
        if (command.isEmpty()) {
            decided(req, AuditLog.Outcome.DENY, "unknown command");
            String shown = CommandSpec.NAME.matcher(name).matches() ? " /" + name : "";
            return refusal("Unknown command" + shown, "Unknown command" + shown + ". " + HELP_HINT);
        }
        CommandSpec spec = command.get().spec();
        Optional<String> problem = Arguments.problem(req.args(), spec);
        if (problem.isPresent()) {
            decided(req, AuditLog.Outcome.INVALID_ARGUMENTS, problem.get());
            return refusal("/" + name + " refused", problem.get());
        }
        Decision decision = policy.decide(req, spec);
        switch (decision.verdict()) {
            case DENY:
                decided(req, AuditLog.Outcome.DENY, decision.reason());
                return refusal("Not allowed", "Not allowed: " + decision.reason() + ".");
            case CONFIRM:
                String code = confirmations.ask(req);
                decided(req, AuditLog.Outcome.CONFIRM_ASKED, decision.reason());
                return confirmation(req, spec, code);
            default:
                decided(req, AuditLog.Outcome.ALLOW, decision.reason());
                return run(command.get(), req);
        }
    }

    private Report confirm(CommandRequest req) throws StoreException {
        if (req.args().size() != 1 || !Arguments.valid(req.args().get(0))) {
            String why = req.args().stream().allMatch(Arguments::valid) ? "Usage: /confirm <code>" : Arguments.REFUSAL;
            decided(req, AuditLog.Outcome.INVALID_ARGUMENTS, why);
            return refusal("/confirm refused", why);
        }
        Confirmations.Result result = confirmations.take(req, req.args().get(0));
        switch (result.status()) {
            case UNKNOWN:
                decided(req, AuditLog.Outcome.DENY, "unknown or already used confirmation code");
                return refusal("Not confirmed", "That confirmation code is unknown or was already used.");
            case NOT_YOURS:
                decided(req, AuditLog.Outcome.DENY, "confirmation code asked by another user or in another channel");
                return refusal("Not confirmed", "Only the person who asked can confirm, in the channel where they asked.");
            case EXPIRED:
                decided(result.request().get(), AuditLog.Outcome.EXPIRED, "confirmation came after " + minutes(confirmations.ttl()));
                return refusal("Not confirmed", "That confirmation code has expired; send the command again.");
            default:
                break;
        }
        CommandRequest original = result.request().get();
        Optional<ChatCommand> command = registry.find(original.name());
        if (command.isEmpty()) {
            decided(original, AuditLog.Outcome.DENY, "the command is gone");
            return refusal("Not confirmed", "That command is no longer available.");
        }
        // The answer may depend on the present state (a job now changes hosts): ask again.
        Decision again = policy.decide(original, command.get().spec());
        if (again.verdict() == Decision.Verdict.DENY) {
            decided(original, AuditLog.Outcome.DENY, again.reason());
            return refusal("Not allowed", "Not allowed: " + again.reason() + ".");
        }
        decided(original, AuditLog.Outcome.CONFIRMED, "confirmed by " + req.user().qualifiedId());
        return run(command.get(), original);
    }

    private Report run(ChatCommand command, CommandRequest req) {
        String name = command.spec().name();
        Instant start = clock.instant();
        try {
            Report answer = command.handle(req);
            LOG.info("command answered command={} user={} severity={} tookMs={}", name, req.user().qualifiedId(), answer.severity(),
                    Duration.between(start, clock.instant()).toMillis());
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("command interrupted command={} user={}", name, req.user().qualifiedId());
            return failure(name);
        } catch (Exception e) {
            LOG.error("command failed command={} user={}", name, req.user().qualifiedId(), e);
            return failure(name);
        }
    }

    private void decided(CommandRequest req, AuditLog.Outcome outcome, String reason) throws StoreException {
        audit.record(req, outcome, reason);
        LOG.info("command decided command={} user={} channel={} decision={}", safeName(req.name()), req.user().qualifiedId(),
                req.channel(), outcome.id());
    }

    private Report confirmation(CommandRequest req, CommandSpec spec, String code) {
        String what = "/" + spec.name() + (req.args().isEmpty() ? "" : " " + String.join(" ", req.args()));
        String ttl = minutes(confirmations.ttl());
        return new Report(what + " changes a host: confirm it", Severity.WARN,
                List.of(Report.Section.of("", "Send /confirm " + code + " within " + ttl + " to go ahead.",
                        "The code works once, and only for you, here.")),
                List.of(), List.of(new Report.Action("Confirm " + what, "/confirm " + code)));
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        if (m >= 1 && d.toSecondsPart() == 0) {
            return m == 1 ? "1 minute" : m + " minutes";
        }
        return d.toSeconds() + " seconds";
    }

    private static Report refusal(String title, String sentence) {
        return Report.text(title, Severity.WARN, sentence);
    }

    /** Whether the router refused the request (not allowed, not confirmed, bad arguments) rather than answer it. */
    public static boolean isRefusal(Report r) {
        return r.severity() == Severity.WARN && r.actions().isEmpty()
                && (r.title().startsWith("Not ") || r.title().endsWith(" refused") || r.title().startsWith("Unknown command"));
    }

    private static Report failure(String name) {
        return Report.text("/" + name + " failed", Severity.UNKNOWN,
                "Something went wrong inside Caretaker while answering; the bot's log has the details.");
    }

    /** The command name for logs, or {@code ?} when it is not a plain name (it may hold anything). */
    private static String safeName(String name) {
        if (name == null) {
            return "?";
        }
        String n = name.startsWith("/") ? name.substring(1) : name;
        return CommandSpec.NAME.matcher(n).matches() ? n : "?";
    }
}
