package org.caretaker.check.smart;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the ATA SMART attribute table.
 *
 * @param id         attribute number: 5 reallocated sectors, 197 pending sectors…
 * @param name       smartctl's name for it on this drive ({@code Reallocated_Sector_Ct}, {@code Retired_Block_Count})
 * @param value      normalized value (vendor scale, usually 100 or 200 down to the threshold); -1 when not shown
 * @param worst      lowest normalized value seen; -1 when not shown
 * @param threshold  the drive fails this attribute when value reaches it; -1 when not shown
 * @param whenFailed whether the normalized value is, or was, at or below the threshold
 * @param raw        the 48-bit raw value when smartctl gave it (JSON) or it could be rebuilt from the text (a plain
 *                   number, or three 16-bit words); otherwise the first number of {@link #rawString}
 * @param rawString  the raw value as smartctl formats it: {@code 0}, {@code 31 (Min/Max 20/33)}, {@code 0 0 0}
 */
public record SmartAttribute(int id, String name, int value, int worst, int threshold, WhenFailed whenFailed, long raw,
                             String rawString) {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d{1,18})");

    public enum WhenFailed { NEVER, PAST, NOW }

    /**
     * The counter this attribute stands for. Vendors pack several numbers into one raw value, so the raw
     * value itself misleads: Seagate's 188 holds three 16-bit counters (smartctl prints them high word first,
     * "0 0 0"), of which the low word counts the timeouts; temperatures and some event counts carry extra
     * numbers in brackets ("2111 (12437 0)"). So: attribute 188 is the low 16 bits, the others the first
     * number smartctl prints.
     */
    public long count() {
        if (id == 188) {
            return raw & 0xFFFF;
        }
        Matcher m = LEADING_NUMBER.matcher(rawString);
        return m.find() ? Long.parseLong(m.group(1)) : raw;
    }
}
