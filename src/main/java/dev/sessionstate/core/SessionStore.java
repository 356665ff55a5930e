package dev.sessionstate.core;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Where sessions live. Implementations hold data; the rules (limits, expiry times, versions)
 * belong to the session model and the service.
 *
 * <p>All methods are thread-safe and never block the calling thread: they complete their stage
 * when the store has answered. A stage that fails does so with a
 * {@link SessionException}: SESSION_NOT_FOUND, CAPACITY_EXHAUSTED or
 * STORE_UNAVAILABLE, or whatever an {@link SessionUpdate} threw.
 *
 * <p>Expired sessions are treated as absent by every method, and a store removes them, reporting
 * each removal exactly once to its {@link SessionEvents} as EXPIRED.
 */
public interface SessionStore extends AutoCloseable {

    /** The name of this store in the API and metrics, such as {@code memory}. */
    String kind();

    /**
     * Stores a new session under its id. Fails with CAPACITY_EXHAUSTED when the store holds as
     * many sessions as it may. Ids are random and unique; inserting an id twice is a bug, and
     * fails with an {@link IllegalStateException}.
     */
    CompletionStage<Void> insert(Session session);

    /**
     * Atomically replaces the live session {@code id} by what {@code update} makes of it, and
     * completes with that change. No other write to the session can come between the read that
     * {@code update} sees and the write of its outcome. Fails with SESSION_NOT_FOUND when the
     * session is absent or expired at {@code now}.
     */
    <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update);

    /**
     * Removes session {@code id} if {@code check} accepts it. {@code check} sees the live session
     * as stored and refuses by throwing a {@link SessionException}: then nothing is removed and
     * the stage fails with that exception. Check and removal are atomic: no write to the session
     * can come between the session that {@code check} accepted and its removal (a store that
     * loses such a race checks again what the other writer stored). Completes with true when a
     * live session was removed, false when there was none or it had expired at {@code now}
     * (without calling {@code check}). Idempotent.
     */
    default CompletionStage<Boolean> delete(String id, Instant now, Consumer<Session> check) {
        return delete(id, now, EndReason.ABANDONED, check);
    }

    /** {@link #delete(String, Instant, Consumer)}, reporting the end with {@code reason}. */
    CompletionStage<Boolean> delete(String id, Instant now, EndReason reason, Consumer<Session> check);

    /** {@link #delete(String, Instant, Consumer)} without a condition. */
    default CompletionStage<Boolean> delete(String id, Instant now) {
        return delete(id, now, session -> {});
    }

    /**
     * Gives the live session {@code id} the new id {@code newId} (id rotation): stores what
     * {@code change} makes of the session (which must carry {@code newId}) under {@code newId} and
     * removes {@code id}, so that every later request for {@code id} finds nothing, on every replica.
     * No write to {@code id} is lost: one that lands before the move is in what {@code change} sees
     * (a store that loses such a race moves again what the other writer stored), and one after it
     * finds no session. {@code change} refuses by throwing a {@link SessionException}; then nothing
     * changes. Fails with SESSION_NOT_FOUND when the session is absent or expired at {@code now}.
     * Not an end: no end is reported. The move is reported as {@code SessionEvents.rotated} once per
     * cluster, by the call whose move won, and never for a move that failed or was refused.
     * Completes with the session as stored under {@code newId}.
     */
    CompletionStage<Session> rotate(String id, String newId, Instant now, UnaryOperator<Session> change);

    /**
     * The number of sessions held, possibly counting some that expired and are not yet removed. A
     * shared store counts every session it holds, not only those of this replica.
     */
    CompletionStage<Long> count();

    /** Completes with true when the store answers requests. Never fails. */
    CompletionStage<Boolean> isAvailable();

    /** Releases the store's resources. */
    @Override
    default void close() {}
}
