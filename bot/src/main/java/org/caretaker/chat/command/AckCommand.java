package org.caretaker.chat.command;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.caretaker.alert.Acknowledger;
import org.caretaker.chat.ChatCommand;
import org.caretaker.chat.CommandRequest;
import org.caretaker.chat.CommandSpec;
import org.caretaker.check.Severity;
import org.caretaker.config.Durations;
import org.caretaker.config.Role;
import org.caretaker.report.Report;

/**
 * {@code /ack <id> [ttl]}: mutes one finding by the eight-digit id {@code /status} shows, until its value
 * changes or the time runs out ({@code 30m}, {@code 2h}, {@code 3d}; at most 90 days).
 */
public final class AckCommand implements ChatCommand {
    private static final CommandSpec SPEC = CommandSpec.reading("ack", "/ack <id> [ttl]",
            "Mutes a finding by its /status id until it changes, or for a time such as 2h or 3d.", Role.OPERATOR);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
    static final Duration MAX_TTL = Duration.ofDays(90);

    private final Acknowledger acknowledger;

    public AckCommand(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Report handle(CommandRequest req) {
        String id = req.args().get(0);
        if (!ID.matcher(id).matches()) {
            return Report.text("/ack refused", Severity.WARN, "'" + id + "' is not a finding id: /status shows them, eight digits and letters a-f.");
        }
        Optional<Duration> ttl = Optional.empty();
        if (req.args().size() > 1) {
            ttl = ttl(req.args().get(1));
            if (ttl.isEmpty()) {
                return Report.text("/ack refused", Severity.WARN, "A time is written like 30m, 2h or 3d, at most 90d.");
            }
        }
        try {
            return Report.text(acknowledger.ack(id, req.user().qualifiedId(), ttl), Severity.OK);
        } catch (IllegalArgumentException e) {
            return Report.text("/ack refused", Severity.WARN, e.getMessage());
        }
    }

    /** An ack lasts at least a minute and at most {@link #MAX_TTL}. */
    static Optional<Duration> ttl(String text) {
        return Durations.parse(text).filter(d -> d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(MAX_TTL) <= 0);
    }
}
