package org.caretaker.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code caretaker.yaml} into a {@link CaretakerConfig}. It walks the whole file, collects every
 * problem with its YAML path ({@code caretaker.yaml: hosts[1].port: must be between 1 and 65535}) and throws
 * one {@link ConfigException} listing them all: the bot refuses to start on a configuration it does not
 * fully understand.
 *
 * <p>Relative paths (keys, known_hosts, the data directory) are resolved against the directory of the
 * configuration file, so the bot behaves the same whatever directory it is started from.
 */
public final class ConfigLoader {

    private final Map<String, Set<String>> knownThresholds;
    private final Set<String> checkIds;
    private final YamlNode.Environment env;

    /**
     * @param knownThresholds check id → names of its thresholds, from the check catalogue; used to reject
     *                        misspelt threshold keys
     * @param env             how {@code ${NAME}} and {@code ${file:PATH}} are resolved
     */
    /**
     * @param checkIds every check id, so that settings naming an unknown check (alerts, validation layers)
     *                 are reported
     */
    public ConfigLoader(Map<String, Set<String>> knownThresholds, Set<String> checkIds, YamlNode.Environment env) {
        this.knownThresholds = Map.copyOf(knownThresholds);
        this.checkIds = Set.copyOf(checkIds);
        this.env = env;
    }

    /** The process environment and the file system. */
    public static YamlNode.Environment systemEnvironment() {
        return new YamlNode.Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(System.getenv(name));
            }

            @Override
            public Optional<String> file(String path) {
                try {
                    String s = Files.readString(expandHome(path), StandardCharsets.UTF_8);
                    return Optional.of(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
        };
    }

    public CaretakerConfig load(Path file) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(name, text, base);
    }

    public CaretakerConfig parse(String sourceName, String text, Path baseDir) throws ConfigException {
        Problems problems = new Problems(sourceName);
        Optional<YamlNode> read = YamlNode.read(text, problems, env);
        problems.throwIfAny();
        YamlNode root = read.orElseThrow();
        if (root.isMissing()) {
            problems.add("", "the file is empty; it needs at least a 'hosts' list");
            problems.throwIfAny();
        }
        if (!root.requireObject()) {
            problems.throwIfAny();
        }

        List<HostConfig> hosts = new ArrayList<>();
        List<YamlNode> hostNodes = root.list("hosts");
        if (hostNodes.isEmpty() && !root.get("hosts").isArray()) {
            root.get("hosts").problem("is required: a list of hosts");
        }
        Set<String> labSkip = skips(root.get("checks"));
        Map<String, String> seen = new LinkedHashMap<>();
        for (YamlNode h : hostNodes) {
            if (h.isObject() && h.has("name")) {
                String n = h.get("name").asString("");
                String first = seen.putIfAbsent(n, h.path());
                if (first != null) {
                    h.get("name").problem("host name '" + n + "' is already used by " + first);
                }
            }
            HostConfig host = host(h, baseDir, labSkip);
            if (host != null) {
                hosts.add(host);
            }
        }
        Map<String, Map<String, Double>> thresholds = thresholds(root.get("thresholds"));
        RunnerConfig runner = runner(root.get("runner"));
        StoreConfig store = store(root.get("store"), baseDir);
        ChatConfig chat = chat(root.get("chat"));
        HttpConfig http = http(root.get("http"));
        Path schedules = root.has("schedules") ? resolve(baseDir, root.string("schedules", "")) : ShippedFiles.schedules();
        Map<String, URI> pings = pings(root.get("pings"));
        AlertPolicy alerts = AlertPolicy.read(root.get("alerts"), checkIds);
        reachable(root.get("alerts"), alerts, chat);
        BootLayers validate = BootLayers.read(root.get("validate"), checkIds);
        MaintenanceConfig maintenance = MaintenanceConfig.read(root.get("maintenance"));
        AccessConfig access = AccessConfig.read(root.get("access"));
        Optional<SiteConfig> site = root.has("site") ? site(root.get("site"), baseDir, store.dataDir()) : Optional.empty();
        ClusterConfig cluster = cluster(root.get("cluster"), store);
        root.rejectUnknownKeys();

        CaretakerConfig config = root.build(() -> new CaretakerConfig(Path.of(sourceName), hosts, thresholds, runner, store, chat, http,
                schedules, pings, alerts, access, site, validate, maintenance, cluster));
        problems.throwIfAny();
        return config;
    }

    /** Every alert channel must be one the bot can deliver to, or its messages would wait in the outbox for ever. */
    private static void reachable(YamlNode alerts, AlertPolicy policy, ChatConfig chat) {
        if (policy == null) {
            return;
        }
        if (!alerts.has("channels")) {
            policy.channels().stream().map(chat::channelProblem).flatMap(Optional::stream).findFirst()
                    .ifPresent(p -> alerts.problem("no channels given, and the default " + policy.channels() + " cannot be delivered: " + p
                            + "; name a chat, or write channels: [] to report on the site and /metrics only"));
            return;
        }
        for (YamlNode item : alerts.list("channels")) {
            String c = item.asString("");
            if (c.matches("[a-z]+:\\S+")) {
                chat.channelProblem(c).ifPresent(item::problem);
            }
        }
    }

    /**
     * {@code checks: {skip: [failed-units]}}, lab-wide or on a host: checks turned off where they cannot apply (a
     * host without systemd), each id known.
     */
    private Set<String> skips(YamlNode checks) {
        Set<String> out = new LinkedHashSet<>();
        if (checks.isMissing() || !checks.requireObject()) {
            return out;
        }
        for (YamlNode item : checks.list("skip")) {
            String id = item.asString("");
            if (!checkIds.contains(id)) {
                item.problem("unknown check '" + id + "'; known: " + String.join(", ", new java.util.TreeSet<>(checkIds)));
            } else {
                out.add(id);
            }
        }
        checks.rejectUnknownKeys();
        return out;
    }

    private HostConfig host(YamlNode h, Path base, Set<String> labSkip) {
        if (!h.requireObject()) {
            if (h.isMissing()) {
                h.problem("is empty");
            }
            return null;
        }
        String name = h.requiredString("name");
        boolean local = h.bool("local", false);
        String address = local ? h.string("address", "") : h.requiredString("address");
        int port = h.integer("port", 22, 1, 65535);
        String user = local ? h.string("user", "") : h.requiredString("user");
        Optional<Path> key = optionalPath(h, "key", base, !local);
        Optional<Path> knownHosts = optionalPath(h, "known-hosts", base, !local);
        boolean sudo = h.bool("sudo", false);
        Set<String> tags = new LinkedHashSet<>(h.strings("tags"));
        Expectations expect = expectations(h.get("expect"));
        Map<String, Map<String, Double>> thresholds = thresholds(h.get("thresholds"));
        Set<String> skip = new LinkedHashSet<>(labSkip);
        skip.addAll(skips(h.get("checks")));
        h.rejectUnknownKeys();
        return h.build(() -> new HostConfig(name, local, address, port, user, key, knownHosts, sudo, tags, expect, thresholds, skip));
    }

    private Optional<Path> optionalPath(YamlNode parent, String key, Path base, boolean mustExist) {
        YamlNode n = parent.get(key);
        if (n.isMissing()) {
            return Optional.empty();
        }
        String s = n.asString("");
        if (s.isBlank()) {
            n.problem("must not be empty");
            return Optional.empty();
        }
        Path p = resolve(base, s);
        if (mustExist && !Files.isReadable(p)) {
            n.problem("file " + p + " does not exist or is not readable");
        } else if (mustExist && key.equals("key")) {
            KeyFiles.problem(p).ifPresent(n::problem);
        }
        return Optional.of(p);
    }

    private Expectations expectations(YamlNode e) {
        if (e.isMissing() || !e.requireObject()) {
            return Expectations.NONE;
        }
        List<MountExpectation> mounts = new ArrayList<>();
        for (YamlNode m : e.list("mounts")) {
            MountExpectation me;
            if (m.isTextual()) {
                String path = m.asString("");
                me = m.build(() -> new MountExpectation(path, ""));
            } else if (m.requireObject()) {
                String path = m.requiredString("path");
                String fstype = m.string("fstype", "");
                m.rejectUnknownKeys();
                me = m.build(() -> new MountExpectation(path, fstype));
            } else {
                me = null;
            }
            if (me != null) {
                mounts.add(me);
            }
        }
        List<String> pools = e.strings("pools");
        List<String> disks = e.strings("disks");
        List<String> containers = e.strings("containers");
        List<EndpointExpectation> endpoints = new ArrayList<>();
        for (YamlNode ep : e.list("endpoints")) {
            if (!ep.requireObject()) {
                continue;
            }
            String epName = ep.requiredString("name");
            URI url = uri(ep.get("url"), true);
            int status = ep.integer("expect-status", 200, 100, 599);
            Duration latency = ep.duration("max-latency", Duration.ofSeconds(2));
            int tlsDays = ep.integer("tls-warn-days", 21, 0, 3650);
            ep.rejectUnknownKeys();
            EndpointExpectation x = ep.build(() -> new EndpointExpectation(epName, url, status, latency, tlsDays));
            if (x != null) {
                endpoints.add(x);
            }
        }
        Optional<URI> prometheus = e.has("prometheus") ? Optional.ofNullable(uri(e.get("prometheus"), true)) : Optional.empty();
        e.rejectUnknownKeys();
        Expectations x = e.build(() -> new Expectations(mounts, pools, disks, containers, endpoints, prometheus));
        return x == null ? Expectations.NONE : x;
    }

    private Map<String, Map<String, Double>> thresholds(YamlNode t) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> check : t.entries()) {
            Set<String> known = knownThresholds.get(check.getKey());
            if (known == null) {
                check.getValue().problem("unknown check '" + check.getKey() + "'; checks with thresholds: "
                        + String.join(", ", new TreeSet<>(knownThresholds.keySet())));
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> v : check.getValue().entries()) {
                if (!known.contains(v.getKey())) {
                    v.getValue().problem("unknown threshold '" + v.getKey() + "' for " + check.getKey() + "; known: "
                            + String.join(", ", new TreeSet<>(known)));
                    continue;
                }
                values.put(v.getKey(), v.getValue().number(Double.NaN));
            }
            values.values().removeIf(d -> d.isNaN());
            out.put(check.getKey(), Map.copyOf(values));
        }
        return out;
    }

    private RunnerConfig runner(YamlNode r) {
        RunnerConfig d = RunnerConfig.DEFAULTS;
        if (r.isMissing() || !r.requireObject()) {
            return d;
        }
        int concurrency = r.integer("concurrency", d.concurrency(), 1, 1024);
        int perHost = r.integer("per-host", d.perHost(), 1, 10);
        Duration deadline = r.duration("deadline", d.deadline());
        Duration connect = r.duration("connect-timeout", d.connectTimeout());
        Duration command = r.duration("command-timeout", d.commandTimeout());
        int cap = r.integer("output-cap", d.outputCap(), 1024, 256 * 1024 * 1024);
        Duration keepAlive = r.duration("keep-alive", d.keepAlive());
        r.rejectUnknownKeys();
        RunnerConfig x = r.build(() -> new RunnerConfig(concurrency, perHost, deadline, connect, command, cap, keepAlive));
        return x == null ? d : x;
    }

    private StoreConfig store(YamlNode s, Path base) {
        boolean present = !s.isMissing() && s.requireObject();
        Path dataDir = resolve(base, present ? s.string("data-dir", "data") : "data");
        String url = present ? s.string("url", "") : "";
        String user = present ? s.string("user", "sa") : "sa";
        Secret password = Secret.of(present ? s.string("password", "") : "");
        Duration retention = present ? s.duration("retention", Duration.ofDays(400)) : Duration.ofDays(400);
        if (present) {
            s.rejectUnknownKeys();
        }
        StoreConfig x = s.build(() -> new StoreConfig(dataDir, url, user, password, retention));
        return x == null ? new StoreConfig(dataDir, "", "sa", Secret.of(""), Duration.ofDays(400)) : x;
    }

    /**
     * The cluster section. An H2 file belongs to one process, so a cluster on the embedded store is refused
     * rather than left to fail at the second instance's start.
     */
    private ClusterConfig cluster(YamlNode c, StoreConfig store) {
        if (c.isMissing() || !c.requireObject()) {
            return ClusterConfig.OFF;
        }
        boolean enabled = c.bool("enabled", false);
        String instance = c.has("instance") ? c.string("instance", "") : ClusterConfig.hostName();
        Duration lease = c.duration("lease", ClusterConfig.DEFAULT_LEASE);
        c.rejectUnknownKeys();
        if (enabled && !store.jdbcUrl().startsWith("jdbc:postgresql:")) {
            c.get("enabled").problem("needs a PostgreSQL store (store.url: jdbc:postgresql://...): an embedded H2 file "
                    + "cannot be shared between processes");
        }
        ClusterConfig x = c.build(() -> new ClusterConfig(enabled, instance, lease));
        return x == null ? ClusterConfig.OFF : x;
    }

    private ChatConfig chat(YamlNode c) {
        if (c.isMissing() || !c.requireObject()) {
            return ChatConfig.CONSOLE_ONLY;
        }
        boolean console = c.bool("console", true);
        Optional<ChatConfig.Telegram> telegram = Optional.empty();
        YamlNode t = c.get("telegram");
        if (!t.isMissing() && t.requireObject()) {
            Secret token = Secret.of(t.requiredString("token"));
            URI api = t.has("api-url") ? uri(t.get("api-url"), true) : URI.create("https://api.telegram.org");
            List<Long> chats = new ArrayList<>();
            for (YamlNode id : t.list("chats")) {
                try {
                    chats.add(Long.parseLong(id.asString("").trim()));
                } catch (NumberFormatException e) {
                    id.problem("must be a numeric chat id");
                }
            }
            t.rejectUnknownKeys();
            URI apiUrl = api == null ? URI.create("https://api.telegram.org") : api;
            telegram = Optional.ofNullable(t.build(() -> new ChatConfig.Telegram(token, apiUrl, chats)));
        }
        Optional<ChatConfig.Discord> discord = Optional.empty();
        YamlNode d = c.get("discord");
        if (!d.isMissing() && d.requireObject()) {
            Secret token = Secret.of(d.requiredString("token"));
            String guild = d.requiredString("guild");
            URI rest = d.has("rest-url") ? uri(d.get("rest-url"), true) : URI.create("https://discord.com/api/v10/");
            URI gateway = d.has("gateway-url") ? uri(d.get("gateway-url"), true) : URI.create("wss://gateway.discord.gg/");
            List<String> channels = d.strings("channels");
            d.rejectUnknownKeys();
            URI restUrl = rest == null ? URI.create("https://discord.com/api/v10/") : rest;
            URI gatewayUrl = gateway == null ? URI.create("wss://gateway.discord.gg/") : gateway;
            discord = Optional.ofNullable(d.build(() -> new ChatConfig.Discord(token, guild, restUrl, gatewayUrl, channels)));
        }
        c.rejectUnknownKeys();
        return new ChatConfig(console, telegram, discord);
    }

    /**
     * The shipped runbook and site files come first; a lab's own {@code content} and {@code templates} folders are
     * laid over them. {@code site:} with nothing under it serves the shipped runbook from the data directory.
     */
    private Optional<SiteConfig> site(YamlNode s, Path base, Path dataDir) {
        if (!s.isMissing() && !s.requireObject()) {
            return Optional.empty();
        }
        List<Path> content = new ArrayList<>(List.of(ShippedFiles.content()));
        List<Path> templates = new ArrayList<>(List.of(ShippedFiles.templates()));
        if (s.has("content")) {
            Path own = resolve(base, s.string("content", ""));
            if (!java.nio.file.Files.isDirectory(own)) {
                s.get("content").problem("is not a directory: " + own);
            }
            content.add(own);
        }
        if (s.has("templates")) {
            Path own = resolve(base, s.string("templates", ""));
            if (!java.nio.file.Files.isDirectory(own)) {
                s.get("templates").problem("is not a directory: " + own);
            }
            templates.add(own);
        }
        Path out = s.has("out") ? resolve(base, s.string("out", "")) : dataDir.resolve("site");
        String title = s.string("title", "");
        s.rejectUnknownKeys();
        return Optional.of(new SiteConfig(content, templates, out, title));
    }

    private HttpConfig http(YamlNode h) {
        if (h.isMissing() || !h.requireObject()) {
            return HttpConfig.DEFAULTS;
        }
        String listen = h.string("listen", "127.0.0.1:8484");
        h.rejectUnknownKeys();
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            h.get("listen").problem("must be host:port such as 127.0.0.1:8484, found '" + listen + "'");
            return HttpConfig.DEFAULTS;
        }
        String host = listen.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            h.get("listen").problem("port must be a number, found '" + listen.substring(colon + 1) + "'");
            return HttpConfig.DEFAULTS;
        }
        HttpConfig x = h.build(() -> new HttpConfig(host, port));
        return x == null ? HttpConfig.DEFAULTS : x;
    }

    /** Job id → ping URL. The URLs hold their secret in the path; write them as ${ENV} references. */
    private Map<String, URI> pings(YamlNode p) {
        Map<String, URI> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : p.entries()) {
            if (!e.getKey().matches("[a-z0-9][a-z0-9-]*")) {
                e.getValue().problem("job id '" + e.getKey() + "' must be kebab-case");
                continue;
            }
            URI u = uri(e.getValue(), true);
            if (u != null && !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                e.getValue().problem("must be an http:// or https:// URL");
            } else if (u != null) {
                out.put(e.getKey(), u);
            }
        }
        return out;
    }

    private URI uri(YamlNode n, boolean absolute) {
        String s = n.asString("");
        try {
            URI u = new URI(s);
            if (absolute && (u.getScheme() == null || u.getHost() == null)) {
                n.problem("must be an absolute URL with a host, found '" + s + "'");
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            n.problem("is not a valid URL: " + e.getReason());
            return null;
        }
    }

    static Path expandHome(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + s.substring(1));
        }
        return Path.of(s);
    }

    private static Path resolve(Path base, String s) {
        Path p = expandHome(s);
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }
}
