package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.caretaker.check.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfig_KeepAliveTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Catalogue.standard().thresholdNames(), Catalogue.standard().checkIds(),
            ConfigLoader.systemEnvironment());

    private RunnerConfig runner(String yaml) throws ConfigException {
        return loader.parse("caretaker.yaml", "hosts: [{name: here, local: true}]\n" + yaml, dir).runner();
    }

    @Test
    void keepAlive_defaultsToTenMinutes() throws Exception {
        assertThat(runner("").keepAlive()).isEqualTo(Duration.ofMinutes(10));
        assertThat(runner("runner: {concurrency: 8}\n").keepAlive()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void keepAlive_isRead_andZeroTurnsWarmConnectionsOff() throws Exception {
        assertThat(runner("runner: {keep-alive: 90s}\n").keepAlive()).isEqualTo(Duration.ofSeconds(90));
        assertThat(runner("runner: {keep-alive: 0s}\n").keepAlive()).isZero();
    }

    @Test
    void keepAlive_beyondADay_isRefusedWithItsPath() {
        assertThatThrownBy(() -> runner("runner: {keep-alive: 2d}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: runner.keep-alive: must be between 0s (no warm connections) and 1d"));
    }

    @Test
    void keepAlive_thatIsNotADuration_isRefusedWithItsPath() {
        assertThatThrownBy(() -> runner("runner: {keep-alive: forever}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "caretaker.yaml: runner.keep-alive: must be a duration such as 30s, 5m, 2h or 7d, found 'forever'"));
    }
}
