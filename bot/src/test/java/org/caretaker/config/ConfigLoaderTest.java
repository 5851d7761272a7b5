package org.caretaker.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.caretaker.check.Catalogue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final Map<String, String> vars = Map.of("NAS_TOKEN", "s3cret-token");
    private ConfigLoader loader;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("id_ed25519"), "key");
        Files.writeString(dir.resolve("known_hosts"), "");
        Files.writeString(dir.resolve("telegram.token"), "12345:from-file\n");
        YamlNode.Environment env = new YamlNode.Environment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(vars.get(name));
            }

            @Override
            public Optional<String> file(String path) {
                return ConfigLoader.systemEnvironment().file(path);
            }
        };
        loader = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(), env);
    }

    private CaretakerConfig parse(String yaml) throws ConfigException {
        return loader.parse("caretaker.yaml", yaml, dir);
    }

    @Test
    void siteTitle_isRead_andDefaultsToEmptySoThatTheLabsNameIsUsed() throws Exception {
        Files.createDirectories(dir.resolve("content"));
        Files.createDirectories(dir.resolve("templates"));
        String hosts = "hosts:\n  - name: here\n    local: true\n";

        CaretakerConfig titled = parse(hosts + "site:\n  out: site\n  title: Attic lab\n");
        CaretakerConfig plain = parse(hosts + "site:\n  out: site\n");

        assertThat(titled.site().orElseThrow().title()).isEqualTo("Attic lab");
        assertThat(plain.site().orElseThrow().title()).isEmpty();
    }

    @Test
    void fullHost_isRead_withPathsRelativeToTheFile_andDefaults() throws Exception {
        CaretakerConfig c = parse("""
                hosts:
                  - name: nas
                    address: 192.0.2.10
                    user: caretaker
                    key: id_ed25519
                    known-hosts: known_hosts
                    sudo: true
                    tags: [snapraid, docker]
                    expect:
                      mounts:
                        - /mnt/disk1
                        - path: /mnt/storage
                          fstype: fuse.mergerfs
                      pools: [tank]
                      disks: [/dev/sda]
                      containers: [jellyfin]
                      endpoints:
                        - name: jellyfin
                          url: http://192.0.2.10:8096/health
                          max-latency: 500ms
                    thresholds:
                      disk-usage: {warn: 90}
                thresholds:
                  disk-usage: {warn: 80, crit: 92}
                """);

        HostConfig nas = c.hosts().get(0);
        assertThat(nas.port()).isEqualTo(22);
        assertThat(nas.key()).contains(dir.resolve("id_ed25519"));
        assertThat(nas.sudo()).isTrue();
        assertThat(nas.tags()).containsExactlyInAnyOrder("snapraid", "docker");
        assertThat(nas.expect().mounts()).containsExactly(new MountExpectation("/mnt/disk1", ""), new MountExpectation("/mnt/storage", "fuse.mergerfs"));
        assertThat(nas.expect().endpoints().get(0).maxLatency().toMillis()).isEqualTo(500);
        assertThat(nas.thresholds()).isEqualTo(Map.of("disk-usage", Map.of("warn", 90.0)));
        assertThat(c.thresholds()).isEqualTo(Map.of("disk-usage", Map.of("warn", 80.0, "crit", 92.0)));
        assertThat(c.runner()).isEqualTo(RunnerConfig.DEFAULTS);
        assertThat(c.http()).isEqualTo(HttpConfig.DEFAULTS);
        assertThat(c.store().jdbcUrl()).isEqualTo("jdbc:h2:file:" + dir.resolve("data").resolve("caretaker") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(c.store().retention().toDays()).isEqualTo(400);
    }

    @Test
    void aPublicKeyGivenAsTheKey_isAProblemWithItsPath() throws Exception {
        Files.writeString(dir.resolve("id_ed25519.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFake caretaker\n");

        assertThatThrownBy(() -> parse("""
                hosts:
                  - name: nas
                    address: 192.0.2.10
                    user: caretaker
                    key: id_ed25519.pub
                    known-hosts: known_hosts
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "caretaker.yaml: hosts[0].key: file id_ed25519.pub is a public key; give the private key (the same name without .pub)"));
    }

    @Test
    void everyProblem_isListedWithItsPath() {
        assertThatThrownBy(() -> parse("""
                hosts:
                  - name: nas
                    adress: 192.0.2.10
                    user: caretaker
                    key: missing_key
                    known-hosts: known_hosts
                    port: 70000
                    expect:
                      mounts: [relative/path]
                      pools: ["tank; rm -rf /"]
                  - name: nas
                    local: true
                thresholds:
                  disk-usage: {warm: 80}
                  disk-usag: {warn: 80}
                runner:
                  deadline: soon
                http:
                  listen: localhost
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: hosts[0].address: is required",
                        "caretaker.yaml: hosts[0].port: must be between 1 and 65535, found 70000",
                        "caretaker.yaml: hosts[0].key: file " + dir.resolve("missing_key") + " does not exist or is not readable",
                        "caretaker.yaml: hosts[0].expect.mounts[0].path: must be an absolute path without '..' or shell characters, found 'relative/path'",
                        "caretaker.yaml: hosts[0].expect.pools[0]: must be a pool name, found 'tank; rm -rf /'",
                        "caretaker.yaml: hosts[0].adress: unknown key; known: name, local, address, port, user, key, known-hosts, sudo, tags, expect, thresholds, checks",
                        "caretaker.yaml: hosts[1].name: host name 'nas' is already used by hosts[0]",
                        "caretaker.yaml: thresholds.disk-usage.warm: unknown threshold 'warm' for disk-usage; known: crit, warn",
                        "caretaker.yaml: thresholds.disk-usag: unknown check 'disk-usag'; checks with thresholds: " + String.join(", ", new java.util.TreeSet<>(Catalogue.standard().thresholdNames().keySet())),
                        "caretaker.yaml: runner.deadline: must be a duration such as 30s, 5m, 2h or 7d, found 'soon'",
                        "caretaker.yaml: http.listen: must be host:port such as 127.0.0.1:8484, found 'localhost'"));
    }

    @Test
    void secrets_comeFromEnvironmentAndFiles_andNeverPrint() throws Exception {
        CaretakerConfig c = parse("""
                hosts: [{name: here, local: true}]
                chat:
                  telegram:
                    token: ${file:%s}
                    chats: [42]
                  discord:
                    token: ${NAS_TOKEN}
                    guild: "123456789012345678"
                """.formatted(dir.resolve("telegram.token")));

        assertThat(c.chat().telegram().orElseThrow().token().reveal()).isEqualTo("12345:from-file");
        assertThat(c.chat().discord().orElseThrow().token().reveal()).isEqualTo("s3cret-token");
        assertThat(c.toString()).doesNotContain("s3cret-token").doesNotContain("from-file");
    }

    @Test
    void missingEnvironmentVariable_isAProblemNamingIt() {
        assertThatThrownBy(() -> parse("""
                hosts: [{name: here, local: true}]
                chat:
                  discord: {token: "${DISCORD_TOKEN}", guild: "1"}
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: chat.discord.token: environment variable DISCORD_TOKEN is not set"));
    }

    @Test
    void pingsAndSchedules_areRead_andPingUrlsAreChecked() throws Exception {
        CaretakerConfig c = parse("""
                hosts: [{name: here, local: true}]
                schedules: ../schedules
                pings:
                  daily-sanity: https://hc.example/ping/${NAS_TOKEN}
                """);

        assertThat(c.schedules()).isEqualTo(dir.getParent().resolve("schedules"));
        assertThat(c.pings()).containsEntry("daily-sanity", java.net.URI.create("https://hc.example/ping/s3cret-token"));

        assertThatThrownBy(() -> parse("hosts: [{name: here, local: true}]\npings: {Daily: 'ftp://x.example/y'}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: pings.Daily: job id 'Daily' must be kebab-case"));
    }

    @Test
    void checksSkip_perHostAndLabWide_turnsChecksOff_andUnknownIdsAreProblemsWithTheirPath() throws Exception {
        CaretakerConfig c = parse("""
                checks: {skip: [kernel-errors]}
                hosts:
                  - {name: alpine, local: true, checks: {skip: [failed-units]}}
                  - {name: here, local: true}
                """);

        assertThat(c.host("alpine").orElseThrow().skip()).containsExactlyInAnyOrder("failed-units", "kernel-errors");
        assertThat(c.host("here").orElseThrow().skip()).containsExactly("kernel-errors");

        assertThatThrownBy(() -> parse("""
                checks: {skip: [failed-unit], off: true}
                hosts: [{name: here, local: true, checks: {skip: [smrt]}}]
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p).startsWith("caretaker.yaml: checks.skip[0]: unknown check 'failed-unit'; known: "))
                        .anySatisfy(p -> assertThat(p).startsWith("caretaker.yaml: hosts[0].checks.skip[0]: unknown check 'smrt'; known: "))
                        .anySatisfy(p -> assertThat(p).startsWith("caretaker.yaml: checks.off: ")));
    }

    @Test
    void alertsSection_isRead_andItsProblemsAreListedWithTheRest() throws Exception {
        CaretakerConfig c = parse("""
                hosts: [{name: here, local: true}]
                alerts: {failure-threshold: 2, reminder: 12h, checks: {http-endpoints: {failure-threshold: 3}}}
                """);
        assertThat(c.alerts().failureThreshold("disk-usage")).isEqualTo(2);
        assertThat(c.alerts().failureThreshold("http-endpoints")).isEqualTo(3);
        assertThat(c.alerts().reminder()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(parse("hosts: [{name: here, local: true}]\n").alerts()).isEqualTo(org.caretaker.config.AlertPolicy.DEFAULTS);

        assertThatThrownBy(() -> parse("hosts: [{name: here, local: true, port: 0}]\nalerts: {checks: {dsk-usage: {failure-threshold: 2}}}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("caretaker.yaml: hosts[0].port: "))
                        .anyMatch(p -> p.startsWith("caretaker.yaml: alerts.checks.dsk-usage: unknown check 'dsk-usage'")));
    }

    @Test
    void accessSection_isRead_andWithoutItOnlyTheLocalConsoleMayCommand() throws Exception {
        assertThat(parse("hosts: [{name: here, local: true}]\n").access()).isEqualTo(org.caretaker.config.AccessConfig.CONSOLE_ONLY);

        CaretakerConfig c = parse("""
                hosts: [{name: here, local: true}]
                access:
                  users: [{id: "telegram:42", roles: [admin]}]
                  channels: ["telegram:42"]
                """);
        assertThat(c.access().users()).containsOnlyKeys("telegram:42");
        assertThat(c.access().channels()).containsExactly("telegram:42");

        assertThatThrownBy(() -> parse("hosts: [{name: here, local: true}]\naccess: {users: [{id: 'telegram:42', roles: [root]}]}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("caretaker.yaml: access.users[0].roles[0]: unknown role 'root'")));
    }

    @Test
    void maintenanceSection_setsTheSyncLimitsAndTheScrubShare() throws Exception {
        CaretakerConfig c = parse("""
                hosts: [{name: here, local: true}]
                maintenance:
                  weekly: {max-deleted: 200, max-moved: 10, max-delete-ratio: 1.5, ignore: ["tmp/**"], approval-ttl: 12h}
                  monthly: {percent: 12, older-than-days: 20, pools: [tank]}
                """);
        assertThat(c.maintenance().weekly().maxDeleted()).isEqualTo(200);
        assertThat(c.maintenance().weekly().maxUpdated()).isEqualTo(500);
        assertThat(c.maintenance().weekly().maxMoved()).isEqualTo(10);
        assertThat(c.maintenance().weekly().maxDeleteRatio()).isEqualTo(1.5);
        assertThat(c.maintenance().weekly().ignore()).containsExactly("tmp/**");
        assertThat(c.maintenance().weekly().approvalTtl()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(c.maintenance().monthly().percent()).isEqualTo(12);
        assertThat(c.maintenance().monthly().pools()).containsExactly("tank");
        assertThat(parse("hosts: [{name: here, local: true}]\n").maintenance()).isEqualTo(org.caretaker.config.MaintenanceConfig.DEFAULTS);

        assertThatThrownBy(() -> parse("hosts: [{name: here, local: true}]\nmaintenance: {weekly: {max-deleted: -1}, monthly: {percent: 0, every: 2}}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "caretaker.yaml: maintenance.weekly.max-deleted: must be between 0 and 2147483647, found -1",
                        "caretaker.yaml: maintenance.monthly.percent: must be between 1 and 100, found 0")
                        .anyMatch(p -> p.startsWith("caretaker.yaml: maintenance.monthly.every: unknown key")));
    }

    @Test
    void channelsThatCanNeverBeDelivered_areProblemsWithTheirPaths() {
        assertThatThrownBy(() -> parse("""
                hosts: [{name: here, local: true}]
                chat: {console: true, telegram: {token: t, chats: ["-100"]}}
                alerts: {channels: ["slack:foo", "telegram:-200", "discord:5", "console:local", "telegram:-100"]}
                access: {users: [{id: "matrix:1", roles: [admin]}], platform-roles: [{id: "slack-role:2", roles: [viewer]}], channels: ["irc:*"]}
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "caretaker.yaml: alerts.channels[0]: 'slack:foo' names an unknown platform 'slack'; known: console, telegram, discord",
                        "caretaker.yaml: alerts.channels[1]: 'telegram:-200' is not one of chat.telegram.chats [-100]",
                        "caretaker.yaml: alerts.channels[2]: 'discord:5' names Discord, which is not configured (chat.discord)",
                        "caretaker.yaml: access.users: 'matrix:1' names an unknown platform; known: console, discord, telegram",
                        "caretaker.yaml: access.platform-roles: 'slack-role:2' names a platform without roles; known: discord-role",
                        "caretaker.yaml: access.channels: 'irc:*' names an unknown platform; known: console, discord, telegram"));
    }

    @Test
    void theDefaultAlertChannel_needsTheConsole() {
        assertThatThrownBy(() -> parse("hosts: [{name: here, local: true}]\nchat: {console: false}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: alerts: no channels given, and the default [console:local] cannot be delivered: "
                                + "'console:local' names the console, which is off (chat.console: false); name a chat, or write "
                                + "channels: [] to report on the site and /metrics only"));
    }

    @Test
    void invalidYaml_saysWhere() {
        assertThatThrownBy(() -> parse("hosts:\n  - name: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("caretaker.yaml: line ");
    }

    @Test
    void shippedExamples_load() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        CaretakerConfig local = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(), ConfigLoader.systemEnvironment())
                .load(repo.resolve("examples/local.yaml"));

        assertThat(local.hosts()).extracting(HostConfig::name).containsExactly("this-machine");
        assertThat(local.hosts().get(0).local()).isTrue();
        assertThat(local.store().dataDir()).isEqualTo(repo.resolve("data"));

        // The full lab expects its key and known_hosts beside the file, as the README tells users to do.
        Path lab = Files.copy(repo.resolve("examples/homelab.yaml"), dir.resolve("homelab.yaml"));
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/caretaker_ed25519"), "key");
        Files.writeString(dir.resolve("keys/known_hosts"), "");
        CaretakerConfig homelab = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(),
                new YamlNode.Environment() {
                    @Override
                    public Optional<String> variable(String name) {
                        return name.equals("TELEGRAM_TOKEN") ? Optional.of("123:token") : Optional.empty();
                    }

                    @Override
                    public Optional<String> file(String path) {
                        return Optional.empty();
                    }
                }).load(lab);

        assertThat(homelab.hosts()).extracting(HostConfig::name)
                .containsExactly("pve", "storage", "gpu", "nextcloud", "calibre", "vaultwarden", "k3s-1", "k3s-2", "monitoring");
        assertThat(homelab.host("storage").orElseThrow().expect().mounts()).hasSize(5);
    }
}
