package org.caretaker.check.snapraid;

/** The sections of {@code content/runbook/snapraid.md} that SnapRAID findings point to. */
final class SnapraidRunbook {
    static final String SYNC = "runbook/snapraid#sync";
    static final String SCRUB = "runbook/snapraid#scrub";
    static final String THRESHOLDS = "runbook/snapraid#thresholds";
    static final String DATA_DISK_FAILURE = "runbook/snapraid#data-disk-failure";
    static final String FIX = "runbook/snapraid#fix";
    static final String SILENT_CORRUPTION = "runbook/snapraid#silent-corruption";
    static final String MISSING_DISK = "runbook/snapraid#missing-disk";
    static final String CONTENT_FILES = "runbook/snapraid#content-files";
    static final String ZERO_SUBSECOND = "runbook/snapraid#zero-subsecond-timestamps";
    static final String ALREADY_IN_USE = "runbook/snapraid#already-in-use";
    static final String SMART_ERROR_LOG = "runbook/smart#smartctl-exit-status";

    private SnapraidRunbook() {
    }
}
