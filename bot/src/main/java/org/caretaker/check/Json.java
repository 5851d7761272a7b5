package org.caretaker.check;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Lenient reading of the JSON tools print (docker, kubectl, pvesh, Prometheus, smartctl): a field of the
 * wrong type reads as absent, numbers written as strings read as numbers. A tool version that changes a
 * type degrades a finding instead of crashing the check; text that is not JSON at all is unparseable.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static JsonNode read(String text, String what) throws UnparseableOutputException {
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

    /** A JSON list, or the same list inside a REST API's {@code {"data": …}} wrapper (Proxmox). */
    public static JsonNode readList(String text, String what) throws UnparseableOutputException {
        JsonNode n;
        try {
            n = MAPPER.readTree(text.strip());
        } catch (IOException e) {
            throw new UnparseableOutputException("not valid " + what + " JSON", text);
        }
        if (n != null && n.isObject() && n.has("data")) {
            n = n.get("data");
        }
        if (n == null || !n.isArray()) {
            throw new UnparseableOutputException(what + " is not a JSON list", text);
        }
        return n;
    }

    /** The text of a string, number or boolean field; empty for anything else. */
    public static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : "";
    }

    /** An integer field written as a number or a string of digits; {@code dflt} otherwise. */
    public static int integer(JsonNode n, int dflt) {
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

    /** A number written as a number or as a numeric string; NaN otherwise. */
    public static double number(JsonNode n) {
        if (n == null) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.textValue().strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** true/false, 1/0 or "true"/"1"; false when absent or unreadable. */
    public static boolean flag(JsonNode n) {
        return flag(n, false);
    }

    /** true/false, 1/0 or "true"/"1"/"0"; {@code dflt} when absent or unreadable. */
    public static boolean flag(JsonNode n, boolean dflt) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        double d = number(n);
        if (!Double.isNaN(d)) {
            return d != 0;
        }
        if (n.isTextual()) {
            String t = n.textValue().strip();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return dflt;
    }

    /** An RFC 3339 timestamp such as {@code 2022-02-11T19:22:27Z}; empty when absent or unreadable. */
    public static Optional<Instant> instant(JsonNode n) {
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
