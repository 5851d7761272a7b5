package org.caretaker.maintenance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A host's SnapRAID sync held back because its diff went over the weekly limits. It stays until a run finds
 * an approved diff identical to the one blocked, or a diff with nothing left to sync. The approval is bound to
 * {@link #fingerprint}: a different diff (more files gone since) is not covered by it.
 *
 * @param host           the host
 * @param fingerprint    SHA-256 of the blocked change list ({@link DiffGuard#fingerprint})
 * @param code           what an admin types to approve: {@code /snapraid approve <code>}
 * @param summary        the counts that tripped, for the chat answer
 * @param blockedAt      when a run first blocked this diff
 * @param approvedBy     who approved it, once approved
 * @param approvedUntil  when the approval runs out, once approved
 */
public record SyncBlock(String host, String fingerprint, String code, String summary, Instant blockedAt,
                        Optional<String> approvedBy, Optional<Instant> approvedUntil) {

    public SyncBlock {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(code, "code");
        summary = summary == null ? "" : summary;
        Objects.requireNonNull(blockedAt, "blockedAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedUntil, "approvedUntil");
    }

    public static SyncBlock blocked(String host, String fingerprint, String summary, Instant at) {
        return new SyncBlock(host, fingerprint, codeOf(fingerprint), summary, at, Optional.empty(), Optional.empty());
    }

    /** The approval code: the fingerprint's first ten hex digits, so one diff always gets the same code. */
    static String codeOf(String fingerprint) {
        return fingerprint.substring(0, Math.min(10, fingerprint.length()));
    }

    /** This exact diff was approved and the approval still holds at {@code now}. */
    public boolean approves(String fp, Instant now) {
        return fingerprint.equals(fp) && approvedUntil.map(now::isBefore).orElse(false);
    }
}
