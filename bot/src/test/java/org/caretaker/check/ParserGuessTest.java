package org.caretaker.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParserGuessTest {
    private final Catalogue catalogue = Catalogue.standard();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "captured/df-h-loop-ext4-100pct-tmpfs.txt, df",
            "captured/df-h-de_DE-decimal-comma-loop-ext4-100pct.txt, df",
            "captured/df-hi-loop-ext4-tmpfs.txt, df-inodes",
            "captured/df-PiT-debian12-healthy.txt, df-inodes",
            "captured/findmnt-tree-utf8-loop-tmpfs-bind-with-space.txt, findmnt",
            "captured/findmnt-J-mergerfs-healthy.json, findmnt",
            "public/systemd/systemctl-failed-escaped-bullet-legend-arrow-pager-cut.txt, systemctl-failed",
            "public/systemd/systemctl-failed-no-bullet-apache2-legend.txt, systemctl-failed",
            "public/zpool/list-v-freebsd-no-health-on-vdevs.txt, zpool-list",
            "public/zpool/status-degraded-mirror-device-REMOVED.txt, zpool-status",
            "public/kernel/dmesg-T-nfs-server-not-responding-openzfs-15734.txt, kernel-log",
            "public/kernel/syslog-rcu-sched-state-stall-openzfs-557.txt, kernel-log",
            "public/smartctl/nvme-intel660p-healthy-all.json, smartctl-json",
            "public/smartctl/text-ata-hdd-wuh721816-healthy-a.txt, smartctl-text",
            "captured/meminfo-debian12-healthy-no-swap.txt, meminfo",
            "captured/docker-inspect-7-containers-unhealthy-restarting-oomkilled.json, docker-inspect",
            "captured/docker-ps-format-json-7-containers.txt, docker-ps",
            "public/k8s-docker/docker-api-containers-list-exited-restarting.json, docker-ps",
            "public/prometheus/api-v1-targets-docs-example-state-active.json, prometheus-targets",
            "snapraid/captured/02-status.txt, snapraid-status",
            "snapraid/captured/05-diff.txt, snapraid-diff",
            "snapraid/captured/13-check.txt, snapraid-check",
    })
    void pastedOutput_getsTheParserItCameFrom(String fixture, String parser) {
        ParserGuess guess = ParserGuess.of(Fixtures.read(fixture), catalogue).orElseThrow();

        assertThat(guess.inspector().id()).isEqualTo(parser);
        assertThat(guess.reason()).isNotBlank();
    }

    @Test
    void emptyText_hasNoGuess() {
        assertThat(ParserGuess.of("  \n", catalogue)).isEmpty();
    }
}
