package org.caretaker.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Real command outputs under {@code src/test/resources/fixtures/}: {@code public/} holds outputs from public
 * projects, {@code captured/} ones we captured ourselves; each has a {@code .source.txt} beside it.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            if (Fixtures.class.getResource("/fixtures/" + path.replaceFirst("\\.[a-z]+$", ".source.txt")) == null) {
                throw new IllegalStateException("fixture " + path + " has no .source.txt beside it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one of the catalogue's inspectors on a fixture. */
    public static List<Finding> inspect(String parser, String fixture) {
        return inspector(parser).inspect(read(fixture));
    }

    public static Inspector inspector(String parser) {
        return Catalogue.standard().inspector(parser)
                .orElseThrow(() -> new IllegalArgumentException("no parser " + parser));
    }

    public static Finding only(List<Finding> findings, String subject) {
        List<Finding> matching = findings.stream().filter(f -> f.subject().equals(subject)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one finding for " + subject + ", got " + findings);
        }
        return matching.get(0);
    }
}
