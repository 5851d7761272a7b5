package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.caretaker.check.Catalogue;
import org.caretaker.schedule.Schedule;
import org.caretaker.schedule.ScheduleLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the schedules, the runbook and the site's static files come from when the configuration names none. */
class ConfigLoader_ShippedFilesTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(),
            ConfigLoader.systemEnvironment());

    private CaretakerConfig parse(String yaml) throws ConfigException {
        return loader.parse("caretaker.yaml", yaml, dir);
    }

    @Test
    void noSchedulesKey_meansTheShippedJobs() throws Exception {
        CaretakerConfig c = parse("hosts: [{name: here, local: true}]\n");

        List<Schedule> jobs = new ScheduleLoader(Catalogue.standard().checkIds(), ZoneOffset.UTC).load(c.schedules());

        assertThat(c.schedules()).isEqualTo(ShippedFiles.schedules());
        assertThat(jobs).extracting(Schedule::id).containsExactly("daily-sanity", "monthly-scrub", "weekly-snapraid");
    }

    @Test
    void aSchedulesFolder_replacesTheShippedJobs() throws Exception {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/nightly.yaml"), """
                id: nightly
                cron: "0 0 1 * * ?"
                checks: [disk-usage]
                """);
        CaretakerConfig c = parse("hosts: [{name: here, local: true}]\nschedules: mine\n");

        List<Schedule> jobs = new ScheduleLoader(Catalogue.standard().checkIds(), ZoneOffset.UTC).load(c.schedules());

        assertThat(c.schedules()).isEqualTo(dir.resolve("mine"));
        assertThat(jobs).extracting(Schedule::id).containsExactly("nightly");
    }

    @Test
    void anEmptySiteSection_servesTheShippedRunbookFromTheDataDirectory() throws Exception {
        CaretakerConfig c = parse("hosts: [{name: here, local: true}]\nstore: {data-dir: state}\nsite: {}\n");

        assertThat(c.site()).contains(new SiteConfig(List.of(ShippedFiles.content()), List.of(ShippedFiles.templates()),
                dir.resolve("state/site")));
        assertThat(ShippedFiles.content().resolve("runbook/zfs.md")).isRegularFile();
        assertThat(ShippedFiles.templates().resolve("static/site.css")).isRegularFile();
    }

    @Test
    void ownContentAndTemplates_areLaidOverTheShippedOnes() throws Exception {
        Files.createDirectories(dir.resolve("pages"));
        Files.createDirectories(dir.resolve("look/static"));
        CaretakerConfig c = parse("hosts: [{name: here, local: true}]\nsite: {content: pages, templates: look, out: www}\n");

        assertThat(c.site()).contains(new SiteConfig(List.of(ShippedFiles.content(), dir.resolve("pages")),
                List.of(ShippedFiles.templates(), dir.resolve("look")), dir.resolve("www")));
    }

    @Test
    void noSiteSection_meansNoSite() throws Exception {
        assertThat(parse("hosts: [{name: here, local: true}]\n").site()).isEmpty();
    }

    @Test
    void aMissingOwnContentFolder_isAProblem() {
        assertThatThrownBy(() -> parse("hosts: [{name: here, local: true}]\nsite: {content: nowhere}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: site.content: is not a directory: " + dir.resolve("nowhere")));
    }
}
