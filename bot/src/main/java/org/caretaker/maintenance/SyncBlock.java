package org.caretaker.maintenance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
        return new SyncBlock(host, fingerprint, codeOf(host, fingerprint), summary, at, Optional.empty(), Optional.empty());
    }

    /**
     * The approval code: ten hex digits of a hash of host and fingerprint, so one diff on one host always gets
     * the same code, and the same diff on two hosts does not.
     */
    static String codeOf(String host, String fingerprint) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((host + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** This exact diff was approved and the approval still holds at {@code now}. */
    public boolean approves(String fp, Instant now) {
        return fingerprint.equals(fp) && approvedUntil.map(now::isBefore).orElse(false);
    }
}
