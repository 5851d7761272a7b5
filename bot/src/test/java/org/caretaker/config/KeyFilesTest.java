package org.caretaker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path dir;

    private Path keygen(String name, String passphrase) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "needs ssh-keygen (openssh-client); .ci/run installs it");
        Path key = dir.resolve(name);
        Process p = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", key.toString()))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        return key;
    }

    @Test
    void aKeyWithoutPassphrase_isFine() throws Exception {
        assertThat(KeyFiles.problem(keygen("id_ed25519", ""))).isEmpty();
    }

    @Test
    void aPublicKey_isNamedAsSuch() throws Exception {
        Path key = keygen("id_ed25519", "");

        assertThat(KeyFiles.problem(Path.of(key + ".pub"))).contains(
                "file id_ed25519.pub is a public key; give the private key (the same name without .pub)");
    }

    @Test
    void aPassphraseProtectedKey_isNamedAsSuch() throws Exception {
        assertThat(KeyFiles.problem(keygen("locked", "secret words"))).contains(
                "key locked is protected by a passphrase; Caretaker logs in unattended and needs a key without one "
                        + "(ssh-keygen -p -N '' -f locked removes it, or make a dedicated key)");
    }

    @Test
    void anEncryptedPemKey_isNamedAsSuch() {
        assertThat(KeyFiles.problemOf("old_rsa", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nabc\n"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("key old_rsa is protected by a passphrase"));
    }
}
