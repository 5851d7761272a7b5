package org.caretaker.check.smart;

import java.util.ArrayList;
import java.util.List;

/**
 * smartctl's exit status, a bit mask (smartctl(8), "RETURN VALUES"). Non-zero does not mean smartctl failed:
 * bits 3 to 7 report what it found on a disk it read well.
 */
public record ExitStatus(int value) {
    public static final int COMMAND_LINE = 1;
    public static final int OPEN_FAILED = 1 << 1;
    public static final int COMMAND_FAILED = 1 << 2;
    public static final int DISK_FAILING = 1 << 3;
    public static final int PREFAIL_NOW = 1 << 4;
    public static final int FAILED_IN_PAST = 1 << 5;
    public static final int ERROR_LOG = 1 << 6;
    public static final int SELF_TEST_LOG = 1 << 7;

    private static final String[] WORDS = {
        "command line not accepted",
        "device open failed",
        "a SMART command failed or returned a bad checksum",
        "disk failing",
        "a pre-fail attribute is at or below its threshold",
        "an attribute was at or below its threshold in the past",
        "the error log has errors",
        "the self-test log has errors",
    };

    public boolean has(int bit) {
        return (value & bit) != 0;
    }

    /** smartctl did not get to read the disk at all. */
    public boolean fatal() {
        return has(COMMAND_LINE) || has(OPEN_FAILED);
    }

    /** Each set bit in words, lowest first. */
    public List<String> meanings() {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < WORDS.length; bit++) {
            if (has(1 << bit)) {
                out.add(WORDS[bit]);
            }
        }
        return out;
    }

    /** "exit status 216: disk failing, …". */
    public String describe() {
        return "exit status " + value + (value == 0 ? "" : ": " + String.join(", ", meanings()));
    }
}
