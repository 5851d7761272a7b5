package org.caretaker.diag;

import java.util.Objects;

/**
 * What one gathered command left behind, kept as the host printed it. A command that could not run at all
 * (tool missing, refused, timed out) is still a section: its {@code note} says why, so the bundle shows every
 * question that was asked, answered or not.
 *
 * @param label    kebab-case name of the question, e.g. {@code journal-last}
 * @param command  the command line as run, for people reading the bundle
 * @param exitCode the exit status, or -1 when the command did not run
 * @param stdout   what it printed
 * @param stderr   what it complained about
 * @param note     empty, or why the answer is missing: "lsusb is not installed"
 */
public record Section(String label, String command, int exitCode, String stdout, String stderr, String note) {

    public Section {
        Objects.requireNonNull(label, "label");
        command = command == null ? "" : command;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        note = note == null ? "" : note;
    }

    /** The command ran and exited 0. */
    public boolean succeeded() {
        return exitCode == 0 && note.isEmpty();
    }

    /** stdout then stderr, for excerpts. */
    public String combined() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        return stdout.isEmpty() ? stderr : stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }
}
