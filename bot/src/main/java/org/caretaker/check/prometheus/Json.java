package org.caretaker.check.prometheus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.caretaker.check.UnparseableOutputException;

/** Lenient reading of JSON fields: a field of the wrong type reads as absent instead of failing. */
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
}
