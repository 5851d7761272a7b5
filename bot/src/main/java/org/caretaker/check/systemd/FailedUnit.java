package org.caretaker.check.systemd;

/**
 * One line of {@code systemctl --failed}.
 *
 * @param unit        the unit name, e.g. {@code mnt-media.mount}
 * @param load        LOAD column: {@code loaded}, {@code not-found}, {@code masked}, {@code bad-setting}…
 * @param active      ACTIVE column, {@code failed} for every listed unit
 * @param sub         SUB column
 * @param description DESCRIPTION column, may be empty
 */
public record FailedUnit(String unit, String load, String active, String sub, String description) {

    /** The unit type: the part after the last dot ({@code service}, {@code mount}, {@code automount}…). */
    public String type() {
        return unit.substring(unit.lastIndexOf('.') + 1);
    }
}
