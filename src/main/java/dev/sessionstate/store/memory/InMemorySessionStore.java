package dev.sessionstate.store.memory;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.ExpiryRule;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.SessionUpdate;
import dev.sessionstate.core.UpdateResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Sessions in a {@link ConcurrentHashMap} of this process. Updates run inside
 * {@code computeIfPresent}, so they are atomic per session without a lock of ours, and sessions
 * are immutable values, so readers never see a half-made change. Every stage it returns is
 * already complete: nothing here waits.
 *
 * <p>The number of sessions is capped; a slot is reserved before an insert and freed with every
 * removal, so concurrent creates cannot overshoot the cap. {@link #sweep(Instant)} frees the
 * memory of sessions nobody asked for again.
 */
public final class InMemorySessionStore implements SessionStore {

    /** Every access is stored, so expiry is exact. */
    private static final ExpiryRule EXPIRY = ExpiryRule.EXACT;

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private final long maxSessions;
    private final SessionEvents events;
    private ExpirySweeper sweeper;

    public InMemorySessionStore(long maxSessions, SessionEvents events) {
        this.maxSessions = maxSessions;
        this.events = events;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public CompletionStage<Void> insert(Session session) {
        if (count.incrementAndGet() > maxSessions) {
            count.decrementAndGet();
            return CompletableFuture.failedFuture(new SessionException(
                    SessionException.Kind.CAPACITY_EXHAUSTED,
                    "This instance holds its maximum of " + maxSessions
                            + " sessions; try again when some have ended."));
        }
        if (sessions.putIfAbsent(session.id(), session) != null) {
            count.decrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("duplicate session id"));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update) {
        Outcome<R> outcome = new Outcome<>();
        try {
            sessions.computeIfPresent(id, (key, current) -> {
                if (EXPIRY.isExpired(current, now)) {
                    outcome.expired = true;
                    return null;
                }
                outcome.change = update.apply(current);
                return outcome.change.session();
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (outcome.expired) {
            removed(EndReason.EXPIRED);
        }
        if (outcome.change == null) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        return CompletableFuture.completedFuture(outcome.change);
    }

    @Override
    public CompletionStage<Boolean> delete(String id, Instant now, EndReason reason, Consumer<Session> check) {
        Outcome<Void> outcome = new Outcome<>();
        try {
            sessions.computeIfPresent(id, (key, current) -> {
                outcome.expired = EXPIRY.isExpired(current, now);
                if (!outcome.expired) {
                    // A refusal thrown here leaves the mapping as it was.
                    check.accept(current);
                }
                outcome.removed = true;
                return null;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (outcome.removed) {
            removed(outcome.expired ? EndReason.EXPIRED : reason);
        }
        return CompletableFuture.completedFuture(outcome.removed && !outcome.expired);
    }

    /**
     * Removes the session inside {@code computeIfPresent}, which no other write to it can enter,
     * then stores the copy under the new id; between the two the new id is known to nobody else.
     */
    @Override
    public CompletionStage<Session> rotate(String id, String newId, Instant now, UnaryOperator<Session> change) {
        Outcome<Void> outcome = new Outcome<>();
        Session[] moved = new Session[1];
        try {
            sessions.computeIfPresent(id, (key, current) -> {
                if (EXPIRY.isExpired(current, now)) {
                    outcome.expired = true;
                    return null;
                }
                moved[0] = change.apply(current);
                return null;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (outcome.expired) {
            removed(EndReason.EXPIRED);
        }
        if (moved[0] == null) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        if (sessions.putIfAbsent(newId, moved[0]) != null) {
            count.decrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("duplicate session id"));
        }
        return CompletableFuture.completedFuture(moved[0]);
    }

    /**
     * Removes every session expired at {@code now} and returns how many. A session touched while
     * the sweep runs is kept: it is removed only if it is still the expired value that was seen.
     */
    public int sweep(Instant now) {
        int swept = 0;
        for (Session session : sessions.values()) {
            if (EXPIRY.isExpired(session, now) && sessions.remove(session.id(), session)) {
                removed(EndReason.EXPIRED);
                swept++;
            }
        }
        return swept;
    }

    /** Starts sweeping expired sessions every {@code interval} until {@link #close()}. */
    public synchronized void startSweeping(InstantSource clock, Duration interval) {
        if (sweeper == null) {
            sweeper = new ExpirySweeper(this, clock, interval);
        }
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.close();
            sweeper = null;
        }
    }

    @Override
    public CompletionStage<Long> count() {
        return CompletableFuture.completedFuture(count.get());
    }

    @Override
    public CompletionStage<Boolean> isAvailable() {
        return CompletableFuture.completedFuture(true);
    }

    private void removed(EndReason reason) {
        count.decrementAndGet();
        events.ended(reason);
    }

    /** What happened inside a compute call, which can only return the new value. */
    private static final class Outcome<R> {
        UpdateResult<R> change;
        boolean expired;
        boolean removed;
    }
}
