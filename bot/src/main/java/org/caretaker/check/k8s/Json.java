package org.caretaker.check.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.caretaker.check.UnparseableOutputException;

/**
 * Lenient reading of JSON fields: a field of the wrong type reads as absent, numbers written as strings
 * read as numbers, so a Kubernetes version that changes a type degrades a finding instead of crashing us.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static JsonNode read(String text, String what) throws UnparseableOutputException {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new UnparseableOutputException("no " + what, text);
            }
            return n;
        } catch (IOException e) {
            throw new UnparseableOutputException("not valid " + what, text);
        }
    }

    /** The text of a string, number or boolean field; empty for anything else. */
    static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : "";
    }

    /** An integer field written as a number or a string of digits; {@code dflt} otherwise. */
    static int integer(JsonNode n, int dflt) {
        if (n == null) {
            return dflt;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual() && n.textValue().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(n.textValue().strip());
        }
        return dflt;
    }

    /** A boolean written as true/false, 1/0 or "true"/"false". */
    static boolean flag(JsonNode n) {
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.doubleValue() != 0;
        }
        return n.isTextual() && (n.textValue().equalsIgnoreCase("true") || n.textValue().equals("1"));
    }

    /** An RFC 3339 timestamp such as {@code 2022-02-11T19:22:27Z}; empty when absent or unreadable. */
    static Optional<Instant> instant(JsonNode n) {
        String s = text(n);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
