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

    /** A parse that may throw this exception. */
    @FunctionalInterface
    public interface Parse<T> {
        T parse() throws UnparseableOutputException;
    }

    /**
     * Runs a parse whose number conversions may overflow on garbled output (a count beyond 2^63): such output
     * is refused like any other unreadable text, quoting {@code text}, instead of escaping as a crash.
     *
     * @param what what is being read, for the message: "df line", "status report"
     */
    public static <T> T numbersInRange(String what, String text, Parse<T> parse) throws UnparseableOutputException {
        try {
            return parse.parse();
        } catch (NumberFormatException e) {
            throw new UnparseableOutputException("a number in the " + what + " is out of range", text);
        }
    }
}
