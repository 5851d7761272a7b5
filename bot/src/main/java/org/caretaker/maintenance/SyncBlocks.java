package org.caretaker.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.caretaker.store.StoreException;

/**
 * Where sync blocks persist, so that a restart or the next week's run still respects them. One block per host.
 */
public interface SyncBlocks {

    Optional<SyncBlock> find(String host) throws StoreException;

    /** Stores the block, replacing any earlier one of its host. */
    void put(SyncBlock block) throws StoreException;

    /** Lifts the host's block, if any. */
    void clear(String host) throws StoreException;

    /**
     * Approves the block with this code until {@code until}; empty when no block has that code.
     */
    Optional<SyncBlock> approve(String code, String user, Instant until) throws StoreException;

    List<SyncBlock> all() throws StoreException;
}
