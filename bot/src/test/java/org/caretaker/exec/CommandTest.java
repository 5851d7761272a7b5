package org.caretaker.exec;

import java.time.Duration;
import org.caretaker.config.Args;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {

    @Test
    void remoteLine_quotesEveryArgumentAndWrapsInTimeout() {
        Command c = Command.of("stat", "-f", "/mnt/my media", "it's;rm -rf /").withTimeout(Duration.ofSeconds(5));

        assertThat(c.remoteLine(false)).isEqualTo("env LC_ALL=C timeout -k 5 5 stat -f '/mnt/my media' 'it'\\''s;rm -rf /'");
    }

    @Test
    void rootCommands_useNonInteractiveSudo_onlyWhenTheHostSaysSo() {
        Command c = Command.of("smartctl", "-j", "-a", "/dev/sda").asRoot();

        assertThat(c.remoteLine(true)).isEqualTo("env LC_ALL=C timeout -k 5 30 sudo -n smartctl -j -a /dev/sda");
        assertThat(c.remoteLine(false)).isEqualTo("env LC_ALL=C timeout -k 5 30 smartctl -j -a /dev/sda");
    }

    @Test
    void newlineInAnArgument_isRejected() {
        assertThatThrownBy(() -> Command.of("ls", "/mnt\nrm -rf /"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("control character in command argument: '/mnt?rm -rf /'");
    }

    @Test
    void args_acceptPlainValues_andRejectSmuggling() {
        assertThat(Args.isAbsolutePath("/mnt/disk1")).isTrue();
        assertThat(Args.isAbsolutePath("/mnt/../etc")).isFalse();
        assertThat(Args.isAbsolutePath("relative")).isFalse();
        assertThat(Args.isAbsolutePath("/mnt/$(id)")).isFalse();
        assertThat(Args.isName("tank")).isTrue();
        assertThat(Args.isName("--config=/etc/passwd")).isFalse();
        assertThat(Args.isName("jelly;fin")).isFalse();
        assertThat(Args.isName("tаnk")).as("Cyrillic a").isFalse();
        assertThat(Args.isDevice("/dev/disk/by-id/ata-WDC_WD40EFRX-68N32N0_WD-WCC7K1234567")).isTrue();
        assertThat(Args.isDevice("/dev/../etc/shadow")).isFalse();
    }

    @Test
    void scriptsCannotRunAsRoot_soNoSudoRuleEverGrantsAShell() {
        assertThatThrownBy(() -> Command.script("probe", "echo hi").asRoot())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a shell script cannot run as root (probe): run the program itself");
        assertThatThrownBy(() -> Command.of("/usr/bin/env", "smartctl").asRoot()).isInstanceOf(IllegalStateException.class);
    }
}
