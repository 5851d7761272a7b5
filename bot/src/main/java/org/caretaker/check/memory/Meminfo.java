package org.caretaker.check.memory;

import java.util.OptionalLong;

/**
 * What {@code /proc/meminfo} said, in kB as the kernel prints it.
 *
 * @param totalKb     MemTotal
 * @param freeKb      MemFree: truly unused memory, usually small on a healthy host because of the page cache
 * @param availableKb MemAvailable, the kernel's own estimate of memory usable without swapping; absent on
 *                    kernels older than 3.14
 * @param buffersKb   Buffers (0 when not printed)
 * @param cachedKb    Cached (0 when not printed)
 * @param swapTotalKb SwapTotal (0 when the host has no swap)
 * @param swapFreeKb  SwapFree
 */
public record Meminfo(
        long totalKb,
        long freeKb,
        OptionalLong availableKb,
        long buffersKb,
        long cachedKb,
        long swapTotalKb,
        long swapFreeKb) {

    /** Whether {@link #usableKb()} is the kernel's figure or our estimate for an old kernel. */
    public boolean estimated() {
        return availableKb.isEmpty();
    }

    /** MemAvailable, or MemFree+Buffers+Cached on kernels that do not print it (an optimistic estimate). */
    public long usableKb() {
        return availableKb.orElse(freeKb + buffersKb + cachedKb);
    }
}
