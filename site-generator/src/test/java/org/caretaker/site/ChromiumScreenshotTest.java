package org.caretaker.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.caretaker.site.snapshot.SnapshotJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the home page and a runbook page in headless Chromium and checks the screenshots are not blank.
 * Needs the Debian {@code chromium} package: excluded by default, run by {@code .ci/site.sh} with {@code -Pchromium}.
 */
@Tag("chromium")
class ChromiumScreenshotTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void build() {
        try (SiteGenerator site = TestSites.load(TestSites.REPO.resolve("content"), dir.resolve("site"))) {
            site.build(new SnapshotJson().read(TestSites.REPO.resolve("examples/status-sample.json")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "runbook/zfs.html"})
    void pageRendersToANonBlankScreenshot(String page) throws IOException, InterruptedException {
        Path png = dir.resolve(page.replace('/', '-') + ".png");
        List<String> cmd = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--screenshot=" + png, "--window-size=1200,900",
                dir.resolve("site").resolve(page).toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).as("screenshot; chromium said: " + Files.readString(dir.resolve("chromium.log"))).exists();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in " + page).isGreaterThan(20);
    }

    private static String chromium() {
        for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(name))) {
                return name;
            }
        }
        return "chromium";
    }
}
