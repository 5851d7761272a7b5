package org.caretaker.chat;

import java.util.Objects;

/**
 * What {@link AccessPolicy} says about one request.
 *
 * @param reason one sentence, shown to the user on a denial and written to the audit log either way
 */
public record Decision(Verdict verdict, String reason) {
    public enum Verdict {
        ALLOW, DENY, CONFIRM
    }

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    public static Decision allow(String reason) {
        return new Decision(Verdict.ALLOW, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(Verdict.DENY, reason);
    }

    public static Decision confirm(String reason) {
        return new Decision(Verdict.CONFIRM, reason);
    }
}
