package org.caretaker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version the build stamped: the jar manifest's, or, when run from classes (tests, an IDE), the one the
 * build filtered into {@code caretaker/version.properties}.
 */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"caretaker " + current()};
    }

    /** The version, or "unknown" if neither the manifest nor the resource says it. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = Version.class.getResourceAsStream("/caretaker/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String filtered = p.getProperty("version", "");
                if (!filtered.isEmpty() && !filtered.startsWith("${")) {
                    return filtered;
                }
            }
        } catch (IOException e) {
            // Falls through to "unknown": a version line is not worth failing a command for.
        }
        return "unknown";
    }
}
