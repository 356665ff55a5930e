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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
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
 * removal, so concurrent creates cannot overshoot the cap. An application given a limit of its
 * own has a count of its own, kept the same way. {@link #sweep(Instant)} frees the memory of
 * sessions nobody asked for again.
 *
 * <p>The map's table is sized at construction for {@link #presize the sessions it may hold}, so that
 * it never grows while the store fills: a {@code ConcurrentHashMap} doubles its table on the thread
 * whose insert crosses the threshold, and at 786,432 sessions that copy of a million slots stopped
 * the request's event loop for 40 to 700 ms (bench/RESULTS.md, issue 18).
 *
 * <p>Each end is reported once: a session leaves the map only through {@code computeIfPresent}
 * returning null or {@code remove(id, session)}, and only the call that removed it reports it. A
 * rotation is reported the same way, by the one call whose {@code computeIfPresent} moved it.
 */
public final class InMemorySessionStore implements SessionStore {

    /** Every access is stored, so expiry is exact. */
    private static final ExpiryRule EXPIRY = ExpiryRule.EXACT;

    /**
     * Bytes of heap a session of a few small items takes under ZGC, with its slot in the table;
     * the table is never sized for more sessions than the heap could hold at that size.
     */
    static final long SESSION_BYTES = 400;

    private final ConcurrentHashMap<String, Session> sessions;
    private final AtomicLong count = new AtomicLong();
    private final long maxSessions;
    private final SessionEvents events;
    /** The live sessions of each application that has a limit, and that limit. */
    private final Map<String, ApplicationCount> applications;

    private ExpirySweeper sweeper;

    public InMemorySessionStore(long maxSessions, SessionEvents events) {
        this(maxSessions, Map.of(), events);
    }

    /** @param applicationMaxSessions most live sessions of each application that has a limit */
    public InMemorySessionStore(long maxSessions, Map<String, Long> applicationMaxSessions, SessionEvents events) {
        this.maxSessions = maxSessions;
        this.sessions = new ConcurrentHashMap<>(
                presize(maxSessions, Runtime.getRuntime().maxMemory()));
        this.events = events;
        this.applications = new HashMap<>();
        applicationMaxSessions.forEach((application, max) -> applications.put(application, new ApplicationCount(max)));
    }

    /**
     * How many sessions the table is sized for: {@code maxSessions}, unless a heap of {@code
     * maxHeapBytes} could not hold that many, or more than a table can address.
     */
    static int presize(long maxSessions, long maxHeapBytes) {
        long fits = maxHeapBytes / SESSION_BYTES;
        return (int) Math.max(0, Math.min(Math.min(maxSessions, fits), 1 << 29));
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public CompletionStage<Void> insert(Session session) {
        ApplicationCount application = applications.get(session.application());
        if (application != null && application.count.incrementAndGet() > application.max) {
            application.count.decrementAndGet();
            return CompletableFuture.failedFuture(applicationFull(session.application(), application.max));
        }
        if (count.incrementAndGet() > maxSessions) {
            count.decrementAndGet();
            release(application);
            return CompletableFuture.failedFuture(new SessionException(
                    SessionException.Kind.CAPACITY_EXHAUSTED,
                    "This instance holds its maximum of " + maxSessions
                            + " sessions; try again when some have ended."));
        }
        if (sessions.putIfAbsent(session.id(), session) != null) {
            count.decrementAndGet();
            release(application);
            return CompletableFuture.failedFuture(new IllegalStateException("duplicate session id"));
        }
        events.started(session);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update) {
        Outcome<R> outcome = new Outcome<>();
        try {
            sessions.computeIfPresent(id, (key, current) -> {
                if (EXPIRY.isExpired(current, now)) {
                    outcome.expired = true;
                    outcome.ended = current;
                    return null;
                }
                outcome.change = update.apply(current);
                return outcome.change.session();
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (outcome.expired) {
            removed(outcome.ended, EndReason.EXPIRED, now);
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
                outcome.ended = current;
                return null;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (outcome.ended != null) {
            removed(outcome.ended, outcome.expired ? EndReason.EXPIRED : reason, now);
        }
        return CompletableFuture.completedFuture(outcome.ended != null && !outcome.expired);
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
                    outcome.ended = current;
                    return null;
                }
                moved[0] = change.apply(current);
                return null;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (outcome.expired) {
            removed(outcome.ended, EndReason.EXPIRED, now);
        }
        if (moved[0] == null) {
            return CompletableFuture.failedFuture(SessionException.sessionNotFound());
        }
        if (sessions.putIfAbsent(newId, moved[0]) != null) {
            count.decrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("duplicate session id"));
        }
        // Only the call whose computeIfPresent took the session out gets here.
        events.rotated(moved[0], id, now);
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
                removed(session, EndReason.EXPIRED, now);
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

    /** The number of live sessions of {@code application}, when it has a limit of its own. */
    public OptionalLong count(String application) {
        ApplicationCount counted = applications.get(application);
        return counted == null ? OptionalLong.empty() : OptionalLong.of(counted.count.get());
    }

    /** Called once per removed session, by the caller whose removal won. */
    private void removed(Session finalState, EndReason reason, Instant endedAt) {
        count.decrementAndGet();
        release(applications.get(finalState.application()));
        events.ended(finalState, reason, endedAt);
    }

    private static void release(ApplicationCount application) {
        if (application != null) {
            application.count.decrementAndGet();
        }
    }

    private static SessionException applicationFull(String application, long max) {
        return new SessionException(
                SessionException.Kind.CAPACITY_EXHAUSTED,
                "Application '" + application + "' holds its maximum of " + max
                        + " sessions; try again when some have ended.");
    }

    /** The live sessions of an application with a limit of its own. */
    private static final class ApplicationCount {
        final long max;
        final AtomicLong count = new AtomicLong();

        ApplicationCount(long max) {
            this.max = max;
        }
    }

    /** What happened inside a compute call, which can only return the new value. */
    private static final class Outcome<R> {
        UpdateResult<R> change;
        boolean expired;
        /** The session as it was when this call removed it. */
        Session ended;
    }
}
