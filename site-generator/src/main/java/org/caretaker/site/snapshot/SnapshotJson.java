package org.caretaker.site.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@link StatusSnapshot} JSON. Unknown fields are ignored, so a bot may add fields within
 * a major version; a newer {@code schemaVersion} is refused with a sentence saying what to do.
 */
public final class SnapshotJson {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public StatusSnapshot read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new SnapshotException("status snapshot " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** @param source names the input in error messages, e.g. a file name */
    public StatusSnapshot parse(String json, String source) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SnapshotException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new SnapshotException(source + ": a status snapshot is a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new SnapshotException(source + ": schemaVersion is missing; this generator reads schemaVersion "
                    + StatusSnapshot.SCHEMA_VERSION);
        }
        int v = version.asInt();
        if (v > StatusSnapshot.SCHEMA_VERSION) {
            throw new SnapshotException(source + ": schemaVersion " + v + " is newer than this generator understands ("
                    + StatusSnapshot.SCHEMA_VERSION + "); upgrade the site generator to the bot's version");
        }
        if (v < StatusSnapshot.OLDEST_READ) {
            throw new SnapshotException(source + ": schemaVersion " + v + " is not supported; this generator reads "
                    + StatusSnapshot.OLDEST_READ + " to " + StatusSnapshot.SCHEMA_VERSION);
        }
        try {
            return mapper.treeToValue(tree, StatusSnapshot.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new SnapshotException(source + ": not a valid status snapshot: " + root.getMessage(), e);
        }
    }

    public String write(StatusSnapshot snapshot) {
        try {
            return mapper.writeValueAsString(snapshot) + "\n";
        } catch (JsonProcessingException e) {
            throw new SnapshotException("status snapshot cannot be written: " + e.getMessage(), e);
        }
    }
}
