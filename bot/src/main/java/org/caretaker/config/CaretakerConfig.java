package org.caretaker.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole {@code caretaker.yaml}: hosts, default threshold overrides, and the runner, store, chat and HTTP
 * sections. Built only by {@link ConfigLoader}, which reports every problem before refusing to start.
 *
 * @param source     the file it was read from (for messages)
 * @param hosts      the hosts, in file order
 * @param thresholds lab-wide threshold overrides: check id → name → value
 * @param schedules  the directory of schedule files ({@code schedules/*.yaml})
 * @param pings      Healthchecks-style ping URL per job id; the URL's path is its secret, so {@link #toString()}
 *                   shows only the job ids
 * @param alerts     when findings become notifications: thresholds, reminders, acks, maintenance windows
 * @param access     who may command the bot, from where, with which role (deny by default)
 * @param site       the runbook site kept up to date after every run, when configured
 * @param validate   the boot-order layers {@code /validate} checks, layer 0 first
 * @param maintenance the weekly sync's limits and the monthly scrub's share
 * @param cluster    whether this instance shares its PostgreSQL database with others, and as whom
 */
public record CaretakerConfig(
        Path source,
        List<HostConfig> hosts,
        Map<String, Map<String, Double>> thresholds,
        RunnerConfig runner,
        StoreConfig store,
        ChatConfig chat,
        HttpConfig http,
        Path schedules,
        Map<String, URI> pings,
        AlertPolicy alerts,
        AccessConfig access,
        Optional<SiteConfig> site,
        BootLayers validate,
        MaintenanceConfig maintenance,
        ClusterConfig cluster) {

    public CaretakerConfig {
        hosts = List.copyOf(hosts);
        thresholds = Map.copyOf(thresholds);
        pings = Map.copyOf(pings);
        Set<String> names = new HashSet<>();
        Rules r = new Rules();
        for (HostConfig h : hosts) {
            r.require(names.add(h.name()), "hosts", "host name '" + h.name() + "' is used twice");
        }
        r.check();
    }

    /** A configuration of a bot that runs alone. */
    public CaretakerConfig(Path source, List<HostConfig> hosts, Map<String, Map<String, Double>> thresholds, RunnerConfig runner,
                           StoreConfig store, ChatConfig chat, HttpConfig http, Path schedules, Map<String, URI> pings,
                           AlertPolicy alerts, AccessConfig access, Optional<SiteConfig> site, BootLayers validate,
                           MaintenanceConfig maintenance) {
        this(source, hosts, thresholds, runner, store, chat, http, schedules, pings, alerts, access, site, validate, maintenance,
                ClusterConfig.OFF);
    }

    public Optional<HostConfig> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "CaretakerConfig[source=" + source + ", hosts=" + hosts + ", thresholds=" + thresholds + ", runner=" + runner
                + ", store=" + store + ", chat=" + chat + ", http=" + http + ", schedules=" + schedules
                + ", pings=" + pings.keySet().stream().sorted().map(job -> job + "=******").toList()
                + ", alerts=" + alerts + ", access=" + access + ", site=" + site + ", validate=" + validate
                + ", cluster=" + cluster + "]";
    }
}
