package org.caretaker.site.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The output link check names the page and the link, for missing files and missing ids alike. */
class OutputLinksTest {
    private static byte[] html(String body) {
        return ("<!DOCTYPE html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLinkToAMissingPageOrId_isReportedWithItsPage_andGoodOnesAreNot() {
        OutputLinks links = new OutputLinks();
        links.add("runbook/memory.html", html("<h2 id=\"oom\">OOM</h2><a href=\"../checks/load.html\">load</a>"
                + "<a href=\"zfs.html#degraded-pool\">pool</a><a href=\"#oom\">here</a><a href=\"https://example.org/\">out</a>"
                + "<img src=\"../static/x.png\"><a href=\"../../up.html\">up</a>"));
        links.add("runbook/zfs.html", html("<h2 id=\"scrubs\">Scrubs</h2><link rel=\"stylesheet\" href=\"../static/site.css\">"));
        links.add("static/site.css", new byte[0]);

        assertThat(links.problems()).containsExactly(
                "runbook/memory.html: link ../../up.html: leads outside the site",
                "runbook/memory.html: link ../checks/load.html: the site has no file checks/load.html",
                "runbook/memory.html: link ../static/x.png: the site has no file static/x.png",
                "runbook/memory.html: link zfs.html#degraded-pool: runbook/zfs.html has no element with id degraded-pool");
    }

    @Test
    void aStatusReRender_replacesTheStatusFolders_andIsCheckedAgainstTheRest() {
        OutputLinks links = new OutputLinks();
        links.add("runbook/zfs.html", html("<a href=\"../checks/zfs-pools.html\">zfs-pools</a>"));
        links.add("checks/zfs-pools.html", html("<a href=\"../runbook/zfs.html\">runbook</a>"));
        assertThat(links.problems()).isEmpty();

        links.forgetFolders(List.of("checks"));

        assertThat(links.problems()).containsExactly("runbook/zfs.html: link ../checks/zfs-pools.html: the site has no file checks/zfs-pools.html");
    }
}
