package org.caretaker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.caretaker.config.Secret;
import org.caretaker.config.StoreConfig;
import org.caretaker.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSyncBlocksTest {
    private static final Instant T0 = Instant.parse("2026-12-06T03:30:00Z");
    private static final String FP = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path dir;

    private Database db;
    private JdbcSyncBlocks blocks;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));
        blocks = new JdbcSyncBlocks(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aBlock_survivesReopeningTheDatabase() throws Exception {
        blocks.put(SyncBlock.blocked("nas", FP, "0 added, 60 removed", T0));
        db.close();
        db = Database.open(new StoreConfig(dir, "", "sa", Secret.of(""), Duration.ofDays(400)));

        SyncBlock b = new JdbcSyncBlocks(db).find("nas").orElseThrow();

        assertThat(b).isEqualTo(new SyncBlock("nas", FP, SyncBlock.codeOf("nas", FP), "0 added, 60 removed", T0, Optional.empty(), Optional.empty()));
    }

    @Test
    void approval_isBoundToTheFingerprint_andRunsOut() throws Exception {
        blocks.put(SyncBlock.blocked("nas", FP, "s", T0));

        SyncBlock b = blocks.approve(SyncBlock.codeOf("nas", FP), "telegram:42", T0.plus(Duration.ofHours(48))).orElseThrow();

        assertThat(b.approvedBy()).contains("telegram:42");
        assertThat(b.approves(FP, T0.plus(Duration.ofHours(47)))).isTrue();
        assertThat(b.approves(FP, T0.plus(Duration.ofHours(48)))).isFalse();
        assertThat(b.approves("ff" + FP.substring(2), T0.plus(Duration.ofHours(1)))).isFalse();
    }

    @Test
    void unknownCode_approvesNothing() throws Exception {
        blocks.put(SyncBlock.blocked("nas", FP, "s", T0));

        assertThat(blocks.approve("0000000000", "admin", T0.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(blocks.find("nas").orElseThrow().approvedBy()).isEmpty();
    }

    @Test
    void putReplacesTheHostsBlock_andClearLiftsIt() throws Exception {
        blocks.put(SyncBlock.blocked("nas", FP, "s", T0));
        blocks.put(SyncBlock.blocked("nas", "ff" + FP.substring(2), "t", T0.plusSeconds(60)));
        blocks.put(SyncBlock.blocked("backup", FP, "u", T0));

        assertThat(blocks.all()).extracting(SyncBlock::host, SyncBlock::summary).containsExactly(tuple("backup", "u"), tuple("nas", "t"));
        assertThat(SyncBlock.codeOf("backup", FP)).isNotEqualTo(SyncBlock.codeOf("nas", FP)).matches("[0-9a-f]{10}");
        blocks.clear("nas");
        assertThat(blocks.find("nas")).isEmpty();
        assertThat(blocks.find("backup")).isPresent();
    }
}
