package org.caretaker.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.caretaker.config.CaretakerConfig;
import org.caretaker.config.ChatConfig;
import org.caretaker.config.ConfigException;
import org.caretaker.config.ConfigLoader;
import org.caretaker.config.HostConfig;
import org.caretaker.config.Problems;
import org.caretaker.config.YamlNode;
import org.caretaker.maintenance.ProcedureCatalogue;
import org.caretaker.report.ReportPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the schedule directory: one {@code <id>.yaml} per job. Like the configuration loader it walks every
 * file, collects every problem with its file and YAML path ({@code schedules/daily-sanity.yaml: cron: invalid
 * Quartz cron expression ...}) and throws one {@link ConfigException} with all of them, so the bot never
 * starts with a schedule it misread. Files not ending in {@code .yaml} or {@code .yml} are ignored.
 */
public final class ScheduleLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleLoader.class);

    private final Set<String> knownChecks;
    private final ZoneId defaultZone;
    /** The lab the schedules run in, when known: host names and channels are checked against it. */
    private final Optional<Lab> lab;

    /** The hosts a schedule may name and the chat a schedule may report to. */
    public record Lab(List<HostConfig> hosts, ChatConfig chat) {
        public Lab {
            hosts = List.copyOf(hosts);
        }

        public static Lab of(CaretakerConfig config) {
            return new Lab(config.hosts(), config.chat());
        }
    }

    /**
     * Schedules of a lab: besides the files themselves, host names must be configured hosts and channels must
     * be ones the bot can deliver to; a tag no host carries is a warning.
     *
     * @param knownChecks the catalogue's check ids; {@code checks} and {@code disturbs} must use them
     * @param defaultZone the zone of a schedule without {@code time-zone}: the bot's own
     */
    public ScheduleLoader(Set<String> knownChecks, ZoneId defaultZone, Lab lab) {
        this.knownChecks = Set.copyOf(knownChecks);
        this.defaultZone = defaultZone;
        this.lab = Optional.of(lab);
    }

    /** Schedule files checked on their own, with no lab to check host names and channels against. */
    public ScheduleLoader(Set<String> knownChecks, ZoneId defaultZone) {
        this.knownChecks = Set.copyOf(knownChecks);
        this.defaultZone = defaultZone;
        this.lab = Optional.empty();
    }

    /** Every schedule in {@code dir}, sorted by id. An empty directory means no scheduled jobs. */
    public List<Schedule> load(Path dir) throws ConfigException {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(List.of(dir + ": the schedules directory does not exist"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(dir + ": cannot list the directory (" + e.getMessage() + ")"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        List<Schedule> out = new ArrayList<>();
        for (Path file : files) {
            Problems p = new Problems(file.toString());
            Schedule s = read(file, p);
            if (s != null) {
                Path first = seen.putIfAbsent(s.id(), file);
                if (first != null) {
                    p.add("id", "'" + s.id() + "' is already the id of " + first);
                } else {
                    out.add(s);
                }
            }
            problems.addAll(p.list());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return List.copyOf(out);
    }

    private Schedule read(Path file, Problems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("", "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return null;
        }
        YamlNode root = YamlNode.read(text, problems, ConfigLoader.systemEnvironment()).orElse(null);
        if (root == null) {
            return null;
        }
        if (root.isMissing()) {
            problems.add("", "the file is empty; a schedule needs at least id, cron and checks");
            return null;
        }
        if (!root.requireObject()) {
            return null;
        }
        String fileName = file.getFileName().toString();
        String expectedId = fileName.substring(0, fileName.lastIndexOf('.'));
        String id = root.requiredString("id");
        if (root.has("id") && !id.equals(expectedId)) {
            root.get("id").problem("'" + id + "' does not match the file name; the file must be " + id + ".yaml, or the id " + expectedId);
        }
        String description = root.string("description", "");
        String cron = root.requiredString("cron");
        ZoneId zone = zone(root);
        List<String> checks = checkIds(root, "checks", true);
        HostSelector hosts = hosts(root.get("hosts"));
        List<String> channels = channels(root);
        lab.ifPresent(l -> inLab(l, root, hosts, id));
        ReportPolicy report = ReportPolicy.CHANGES;
        if (root.has("report")) {
            YamlNode n = root.get("report");
            report = n.oneOf(n.asString(""), Map.of("changes", ReportPolicy.CHANGES, "always", ReportPolicy.ALWAYS,
                    "digest", ReportPolicy.DIGEST)).orElse(ReportPolicy.CHANGES);
        }
        MisfirePolicy misfire = MisfirePolicy.RUN_ONCE;
        if (root.has("misfire")) {
            YamlNode n = root.get("misfire");
            misfire = n.oneOf(n.asString(""), Map.of("run-once", MisfirePolicy.RUN_ONCE, "skip", MisfirePolicy.SKIP))
                    .orElse(MisfirePolicy.RUN_ONCE);
        }
        boolean changesHosts = root.bool("changes-hosts", false);
        List<String> disturbs = checkIds(root, "disturbs", false);
        Optional<Duration> deadline = root.has("deadline") ? Optional.of(root.duration("deadline", Duration.ofMinutes(10))) : Optional.empty();
        Optional<String> procedure = procedure(root);
        root.rejectUnknownKeys();
        ReportPolicy r = report;
        MisfirePolicy m = misfire;
        Schedule s = root.build(() -> new Schedule(id, description, cron, zone, checks, hosts, channels, r, m, changesHosts, disturbs, deadline, procedure));
        return problems.isEmpty() ? s : null;
    }

    private static void inLab(Lab lab, YamlNode root, HostSelector selector, String id) {
        List<String> names = lab.hosts().stream().map(HostConfig::name).toList();
        List<YamlNode> named = root.get("hosts").list("names");
        for (YamlNode n : named) {
            String name = n.asString("");
            if (!name.isEmpty() && !names.contains(name)) {
                n.problem("unknown host '" + name + "'; configured: " + String.join(", ", names));
            }
        }
        for (String tag : selector.tags()) {
            if (lab.hosts().stream().noneMatch(h -> h.hasTag(tag))) {
                LOG.warn("no host is tagged for a schedule job={} tag={}", id, tag);
            }
        }
        for (YamlNode item : root.list("channels")) {
            String c = item.asString("");
            if (c.matches("[a-z]+:\\S+")) {
                lab.chat().channelProblem(c).ifPresent(item::problem);
            }
        }
    }

    private static Optional<String> procedure(YamlNode root) {
        if (!root.has("procedure")) {
            return Optional.empty();
        }
        String p = root.string("procedure", "");
        if (!ProcedureCatalogue.SCHEDULABLE.contains(p)) {
            root.get("procedure").problem("unknown procedure '" + p + "'; known: " + String.join(", ", ProcedureCatalogue.SCHEDULABLE));
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private static List<String> channels(YamlNode root) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : root.list("channels")) {
            String c = item.asString(null);
            if (c == null) {
                continue;
            }
            if (!c.matches("[a-z]+:\\S+")) {
                item.problem("'" + c + "' must be platform:channel, such as telegram:-100123 or console:local");
                continue;
            }
            out.add(c);
        }
        return out;
    }

    private ZoneId zone(YamlNode root) {
        if (!root.has("time-zone")) {
            return defaultZone;
        }
        YamlNode n = root.get("time-zone");
        String text = n.asString("");
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            n.problem("unknown time zone '" + text + "'; use a region such as Europe/Berlin or UTC");
            return defaultZone;
        }
    }

    private List<String> checkIds(YamlNode root, String key, boolean allowAll) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : root.list(key)) {
            String id = item.asString(null);
            if (id == null) {
                continue;
            }
            if (!(allowAll && id.equals("all")) && !knownChecks.contains(id)) {
                item.problem("unknown check '" + id + "'; known: " + (allowAll ? "all, " : "") + String.join(", ", new TreeSet<>(knownChecks)));
                continue;
            }
            out.add(id);
        }
        return out;
    }

    private HostSelector hosts(YamlNode n) {
        if (n.isMissing() || !n.requireObject()) {
            return HostSelector.EVERY_HOST;
        }
        List<String> tags = n.strings("tags");
        List<String> names = n.strings("names");
        n.rejectUnknownKeys();
        HostSelector s = n.build(() -> new HostSelector(tags, names));
        return s == null ? HostSelector.EVERY_HOST : s;
    }
}
