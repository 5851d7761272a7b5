package org.caretaker.config;


/**
 * The {@code maintenance:} section: the weekly sync's limits and the monthly scrub's share. Every key is
 * optional; what is missing keeps its default.
 *
 * <pre>
 * maintenance:
 *   weekly:  { config: /etc/snapraid.conf, max-deleted: 50, max-updated: 500, max-moved: 0,
 *              max-delete-ratio: 0, ignore: ["tmp/**"], approval-ttl: 48h }
 *   monthly: { percent: 8, older-than-days: 10, pools: [tank] }
 * </pre>
 */
public record MaintenanceConfig(WeeklyPolicy weekly, ScrubPolicy monthly) {
    public static final MaintenanceConfig DEFAULTS = new MaintenanceConfig(WeeklyPolicy.DEFAULTS, ScrubPolicy.DEFAULTS);

    /** Reads the section; problems go to the node's problem list with their paths. */
    public static MaintenanceConfig read(YamlNode node) {
        if (node.isMissing() || !node.requireObject()) {
            return DEFAULTS;
        }
        WeeklyPolicy weekly = weekly(node.get("weekly"));
        ScrubPolicy monthly = monthly(node.get("monthly"));
        node.rejectUnknownKeys();
        return new MaintenanceConfig(weekly, monthly);
    }

    private static WeeklyPolicy weekly(YamlNode w) {
        WeeklyPolicy d = WeeklyPolicy.DEFAULTS;
        if (w.isMissing() || !w.requireObject()) {
            return d;
        }
        String config = w.string("config", d.config());
        long deleted = w.integer("max-deleted", (int) d.maxDeleted(), 0, Integer.MAX_VALUE);
        long updated = w.integer("max-updated", (int) d.maxUpdated(), 0, Integer.MAX_VALUE);
        long moved = w.integer("max-moved", (int) d.maxMoved(), 0, Integer.MAX_VALUE);
        double ratio = w.has("max-delete-ratio") ? w.get("max-delete-ratio").number(d.maxDeleteRatio()) : d.maxDeleteRatio();
        var ignore = w.has("ignore") ? w.strings("ignore") : d.ignore();
        var ttl = w.duration("approval-ttl", d.approvalTtl());
        w.rejectUnknownKeys();
        try {
            return new WeeklyPolicy(config, deleted, updated, moved, ratio, ignore, ttl);
        } catch (IllegalArgumentException e) {
            w.problem(e.getMessage());
            return d;
        }
    }

    private static ScrubPolicy monthly(YamlNode m) {
        ScrubPolicy d = ScrubPolicy.DEFAULTS;
        if (m.isMissing() || !m.requireObject()) {
            return d;
        }
        String config = m.string("config", d.config());
        int percent = m.integer("percent", d.percent(), 1, 100);
        int older = m.integer("older-than-days", d.olderThanDays(), 0, 3650);
        var pools = m.has("pools") ? m.strings("pools") : d.pools();
        m.rejectUnknownKeys();
        try {
            return new ScrubPolicy(config, percent, older, pools, d.pollEvery(), d.reviewWindow());
        } catch (IllegalArgumentException e) {
            m.problem(e.getMessage());
            return d;
        }
    }
}
