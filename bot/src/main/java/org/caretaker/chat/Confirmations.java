package org.caretaker.chat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for their {@code /confirm}. A code is random, bound to the user and channel that asked
 * and to the exact command and arguments, works once, and expires after the configured time. Kept in
 * memory on purpose: after a restart nobody should be able to confirm something asked before it.
 */
final class Confirmations {
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    Confirmations(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    private record Pending(CommandRequest request, Instant expiresAt) {
    }

    /** What became of a {@code /confirm <code>}. */
    enum Status {
        CONFIRMED, UNKNOWN, EXPIRED, NOT_YOURS
    }

    record Result(Status status, Optional<CommandRequest> request) {
    }

    Duration ttl() {
        return ttl;
    }

    String ask(CommandRequest request) {
        Instant now = clock.instant();
        // Forget codes long past their time; a just-expired one still answers "expired", not "unknown".
        pending.values().removeIf(p -> p.expiresAt().plus(ttl).isBefore(now));
        byte[] bytes = new byte[5];
        String code;
        do {
            random.nextBytes(bytes);
            code = HexFormat.of().formatHex(bytes);
        } while (pending.putIfAbsent(code, new Pending(request, now.plus(ttl))) != null);
        return code;
    }

    /** Takes the request behind a code, if this user may and it is still valid; a code is used up by success or expiry. */
    Result take(CommandRequest confirm, String code) {
        Pending p = pending.get(code);
        if (p == null) {
            return new Result(Status.UNKNOWN, Optional.empty());
        }
        CommandRequest original = p.request();
        if (!original.user().qualifiedId().equals(confirm.user().qualifiedId()) || !original.channel().equals(confirm.channel())) {
            // Not used up: someone else's attempt must not take away the asker's code.
            return new Result(Status.NOT_YOURS, Optional.empty());
        }
        if (!pending.remove(code, p)) {
            return new Result(Status.UNKNOWN, Optional.empty());
        }
        if (clock.instant().isAfter(p.expiresAt())) {
            return new Result(Status.EXPIRED, Optional.of(original));
        }
        return new Result(Status.CONFIRMED, Optional.of(original));
    }
}
