package org.caretaker.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Questions to a person at a terminal. Off a terminal (a pipe, cron, a test) there is nobody to ask, so every
 * question counts as "no": trusting a host key or writing a file then needs its flag.
 */
final class Terminal {
    private final Console console;

    private Terminal(Console console) {
        this.console = console;
    }

    static Terminal system() {
        return new Terminal(System.console());
    }

    boolean interactive() {
        return console != null;
    }

    /** Asks a yes/no question; only {@code y} or {@code yes} is yes. */
    boolean yes(PrintWriter out, String question, boolean byDefault) {
        if (console == null) {
            return false;
        }
        out.print(question + (byDefault ? " [Y/n] " : " [y/N] "));
        out.flush();
        String answer = console.readLine();
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.isEmpty() ? byDefault : a.equals("y") || a.equals("yes");
    }
}
