package org.caretaker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.caretaker.config.ShippedFiles;
import org.caretaker.site.BuildResult;
import org.caretaker.site.SiteGenerator;
import org.caretaker.site.SiteOptions;
import org.caretaker.site.content.SiteBuildException;
import org.caretaker.site.serve.SiteServer;
import org.caretaker.site.snapshot.SnapshotException;
import org.caretaker.site.snapshot.SnapshotJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code caretaker site build|serve}: the runbook site without a running bot. {@code build} renders a
 * status snapshot file and the runbook into a folder; {@code serve} shows such a folder on loopback.
 */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = "Build the runbook site from content and a status snapshot, or serve a built site on loopback.",
        subcommands = {SiteCli.Build.class, SiteCli.Serve.class},
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
public final class SiteCli {

    /** {@code caretaker site build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Render content/ and a status snapshot into a static folder. Broken links fail the build.",
            exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--content", paramLabel = "DIR",
                description = "Your own Markdown pages, laid over the shipped runbook: a page with the same path replaces the shipped one.")
        Path content;

        @Option(names = "--templates", paramLabel = "DIR",
                description = "A folder whose static/ files replace the shipped ones of the same name (the templates are compiled in).")
        Path templates;

        @Option(names = "--status", required = true, paramLabel = "FILE", description = "Status snapshot JSON (see site-generator/SNAPSHOT.md).")
        Path status;

        @Option(names = "--out", defaultValue = "site", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--base-url", paramLabel = "URL", description = "The site's public address, for the sitemap.")
        String baseUrl;

        @Option(names = "--title", paramLabel = "TEXT", description = "The site's title (default: the snapshot's lab name).")
        String title;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            List<Path> contents = content == null ? List.of(ShippedFiles.content()) : List.of(ShippedFiles.content(), content);
            List<Path> statics = templates == null ? List.of(ShippedFiles.templates()) : List.of(ShippedFiles.templates(), templates);
            try (SiteGenerator site = SiteGenerator.load(new SiteOptions(contents, statics, out, baseUrl, null, 0, title))) {
                BuildResult r = site.build(new SnapshotJson().read(status));
                spec.commandLine().getOut().printf("site built in %s: %d pages, %d files written, %d unchanged, %d links checked, 0 broken%n",
                        out, r.rendered(), r.written(), r.unchanged(), r.links());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (SiteBuildException | SnapshotException e) {
                err.println("caretaker: " + e.getMessage());
                err.flush();
                return ConfigOption.CONFIG_ERROR;
            }
        }
    }

    /** {@code caretaker site serve}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve a built site folder on 127.0.0.1 until interrupted.",
            exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3)
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", defaultValue = "site", paramLabel = "DIR", description = "The built site (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--port", defaultValue = "8485", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!Files.isDirectory(dir)) {
                spec.commandLine().getErr().println("caretaker: " + dir + " is not a folder; run caretaker site build first");
                spec.commandLine().getErr().flush();
                return ConfigOption.CONFIG_ERROR;
            }
            try (SiteServer server = new SiteServer(dir, port)) {
                server.start();
                spec.commandLine().getOut().println("serving " + dir + " on http://127.0.0.1:" + server.port() + "/ (Ctrl-C stops)");
                spec.commandLine().getOut().flush();
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }
}
