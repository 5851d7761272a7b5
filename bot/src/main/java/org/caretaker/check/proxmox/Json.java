package org.caretaker.check.proxmox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.caretaker.check.UnparseableOutputException;

/**
 * Lenient reading of Proxmox JSON. The API's Perl backend writes numbers as strings in some versions
 * ({@code "starttime":"1483334102"}) and booleans as 0/1, so both spellings are read; a field of the wrong
 * type reads as absent.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** The list {@code pvesh} prints, or the same list inside the REST API's {@code {"data": …}} wrapper. */
    static JsonNode readList(String text, String what) throws UnparseableOutputException {
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
    static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : "";
    }

    /** A number written as a number or as a numeric string; NaN otherwise. */
    static double number(JsonNode n) {
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

    /** 1/0, true/false or "1"/"0"; {@code dflt} when absent or unreadable. */
    static boolean flag(JsonNode n, boolean dflt) {
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        double d = number(n);
        if (!Double.isNaN(d)) {
            return d != 0;
        }
        return n.isTextual() ? n.textValue().equalsIgnoreCase("true") : dflt;
    }
}
