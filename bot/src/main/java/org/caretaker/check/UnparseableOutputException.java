package org.caretaker.check;

/**
 * Thrown by a parser that does not recognise what a host printed. The engine turns it into an UNKNOWN
 * finding that quotes a short excerpt of the text, so a person can see what came back.
 */
public class UnparseableOutputException extends Exception {
    private final String text;

    public UnparseableOutputException(String reason, String text) {
        super(reason);
        this.text = text == null ? "" : text;
    }

    public String text() {
        return text;
    }

    public String excerpt() {
        return Excerpt.of(text);
    }
}
