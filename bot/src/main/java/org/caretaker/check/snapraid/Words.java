package org.caretaker.check.snapraid;

/** Counted nouns in SnapRAID's findings: "1 disk", "3 files". */
final class Words {
    private Words() {
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
