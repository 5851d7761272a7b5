package org.caretaker.check.snapraid;

/** The sections of {@code content/runbook/snapraid.md} that SnapRAID findings point to. */
public final class SnapraidRunbook {
    public static final String SYNC = "runbook/snapraid#sync";
    public static final String SCRUB = "runbook/snapraid#scrub";
    public static final String THRESHOLDS = "runbook/snapraid#thresholds";
    public static final String DATA_DISK_FAILURE = "runbook/snapraid#data-disk-failure";
    public static final String FIX = "runbook/snapraid#fix";
    public static final String SILENT_CORRUPTION = "runbook/snapraid#silent-corruption";
    public static final String MISSING_DISK = "runbook/snapraid#missing-disk";
    public static final String CONTENT_FILES = "runbook/snapraid#content-files";
    public static final String ZERO_SUBSECOND = "runbook/snapraid#zero-subsecond-timestamps";
    public static final String ALREADY_IN_USE = "runbook/snapraid#already-in-use";
    public static final String SMART_ERROR_LOG = "runbook/smart#smartctl-exit-status";

    private SnapraidRunbook() {
    }
}
