package org.caretaker.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The limits of the weekly sync. A sync makes parity match the disks as they are now: after an accidental
 * mass deletion (a wrong {@code rm}, a disk that mounted empty, ransomware rewriting files) it would throw
 * away exactly the parity that could bring the files back. So a diff over these limits stops the sync until
 * an admin has looked.
 *
 * @param config         the SnapRAID configuration file on the host
 * @param maxDeleted     removed files that block the sync; 0 disables
 * @param maxUpdated     updated files that block the sync; 0 disables
 * @param maxMoved       moved files that block the sync; 0 disables
 * @param maxDeleteRatio removed files per added file that block the sync (a rename shows as one removal
 *                       plus one addition on disks without UUIDs, so a ratio near 1 is normal); 0 disables
 * @param ignore         globs of paths (relative to their data disk, e.g. {@code tmp/**}) whose changes are
 *                       not counted: churny folders that change every week by design
 * @param approvalTtl    how long an approval of one exact diff stays valid
 */
public record WeeklyPolicy(String config, long maxDeleted, long maxUpdated, long maxMoved, double maxDeleteRatio,
                           List<String> ignore, Duration approvalTtl) {

    public static final WeeklyPolicy DEFAULTS = new WeeklyPolicy("/etc/snapraid.conf", 50, 500, 0, 0, List.of(),
            Duration.ofHours(48));

    public WeeklyPolicy {
        Args.requireAbsolutePath(config);
        if (maxDeleted < 0 || maxUpdated < 0 || maxMoved < 0 || maxDeleteRatio < 0) {
            throw new IllegalArgumentException("snapraid-weekly: limits are 0 (off) or positive, found deleted=" + maxDeleted
                    + " updated=" + maxUpdated + " moved=" + maxMoved + " ratio=" + maxDeleteRatio);
        }
        ignore = List.copyOf(ignore);
        for (String g : ignore) {
            FileSystems.getDefault().getPathMatcher("glob:" + g);
        }
        Objects.requireNonNull(approvalTtl, "approvalTtl");
        if (approvalTtl.isNegative() || approvalTtl.isZero()) {
            throw new IllegalArgumentException("snapraid-weekly: approval-ttl must be positive, found " + approvalTtl);
        }
    }

    public WeeklyPolicy withConfig(String path) {
        return new WeeklyPolicy(path, maxDeleted, maxUpdated, maxMoved, maxDeleteRatio, ignore, approvalTtl);
    }

    /** True when changes of this path are not counted against the limits. */
    public boolean ignored(String path) {
        if (ignore.isEmpty()) {
            return false;
        }
        Path p = Path.of(path);
        List<PathMatcher> matchers = new ArrayList<>();
        for (String g : ignore) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
        return matchers.stream().anyMatch(m -> m.matches(p));
    }
}
