package org.caretaker.check.smart;

/**
 * The most recent entry of the ATA self-test log.
 *
 * @param type   "Short offline", "Extended offline", "Conveyance offline"
 * @param status "Completed without error", "Completed: read failure", "Aborted by host"…
 * @param failed the test found a fault (aborted or interrupted tests did not)
 * @param hours  power-on hours when it ran; -1 when not shown
 */
public record SelfTest(String type, String status, boolean failed, long hours) {

    /** Whether a status text reports a fault, as smartctl words them. */
    public static boolean isFailure(String status) {
        String s = status.toLowerCase(java.util.Locale.ROOT);
        return s.contains("failure") || s.startsWith("fatal") || s.contains("unknown error") || s.contains("damage");
    }
}
