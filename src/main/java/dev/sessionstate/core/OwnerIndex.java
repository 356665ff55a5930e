package dev.sessionstate.core;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where each owner's sessions are listed: one document per owner and application, changed only by
 * compare-and-set. The rules (the limit, pruning, eviction) are in {@link Owners}; an index holds
 * data.
 *
 * <p>A document lives until the latest {@link OwnerMember#horizon()} of its members and is then
 * gone as if never written, so an owner whose sessions are all gone costs nothing after their
 * lifetime. All methods are thread-safe and never block; stages fail with STORE_UNAVAILABLE when
 * the index does not answer.
 */
public interface OwnerIndex extends AutoCloseable {

    /** The owner's document as stored at {@code now}; {@link OwnerMembers#NONE} when there is none. */
    CompletionStage<OwnerMembers> read(String application, String owner, Instant now);

    /**
     * Replaces the owner's document by {@code next} (removes it when {@code next} is empty) if it is
     * still at {@code expected}'s version (absent when that is null). Completes with false, changing
     * nothing, when another writer came first. Atomic in the index.
     */
    CompletionStage<Boolean> replace(
            String application, String owner, OwnerMembers expected, Map<String, OwnerMember> next, Instant now);

    /** Releases the index's resources. */
    @Override
    default void close() {}
}
