package org.caretaker.check.smart;

import java.util.ArrayList;
import java.util.List;

/**
 * The NVMe SMART/Health Information log (log page 2).
 *
 * @param criticalWarning         bit field; 0 is good, see {@link #warnings()}
 * @param temperature             composite temperature in °C
 * @param availableSpare          spare capacity left, percent
 * @param availableSpareThreshold the drive warns when the spare falls below this, percent
 * @param percentageUsed          estimate of rated endurance used, percent; may exceed 100
 * @param mediaErrors             unrecovered data integrity errors
 * @param errorLogEntries         error information log entries; many drives log harmless ones, so not judged
 * @param powerOnHours            hours powered on
 * @param unsafeShutdowns         power losses without a clean shutdown
 */
public record NvmeHealth(int criticalWarning, int temperature, int availableSpare, int availableSpareThreshold,
                         int percentageUsed, long mediaErrors, long errorLogEntries, long powerOnHours,
                         long unsafeShutdowns) {

    private static final String[] BITS = {
        "available spare below threshold",
        "temperature out of range",
        "reliability degraded",
        "media read-only",
        "volatile memory backup failed",
        "persistent memory region unreliable",
    };

    /** The critical warning bits in words, lowest bit first, as the NVMe specification names them. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 8; bit++) {
            if ((criticalWarning & (1 << bit)) != 0) {
                out.add(bit < BITS.length ? BITS[bit] : "reserved bit " + bit);
            }
        }
        return out;
    }
}
