package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.ExpiryRule;
import dev.sessionstate.core.Failures;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;
import org.jboss.logging.Logger;

/**
 * Sessions as JSON documents in an Infinispan cache, shared by every replica of the service and
 * kept across their restarts.
 *
 * <p><b>Atomicity.</b> An update reads the document with its version and writes the outcome
 * with {@code replaceWithVersion}; when another writer came first the server refuses, and the
 * update runs again on what that writer stored. Inserts are {@code putIfAbsent}, deletes
 * {@code removeWithVersion}. Nothing is ever written unconditionally over a document read
 * before.
 *
 * <p><b>Cheap touches.</b> A read changes only {@code lastAccessedAt}. Writing the document back
 * for that is skipped within the session's touch grace ({@code touch-interval}, capped at a tenth
 * of its timeout); {@link ExpiryRule} states when a document then counts as expired.
 *
 * <p><b>Reclaiming.</b> Every write gives the entry a lifespan of timeout plus grace (up to the end
 * of its maximum lifetime when that comes first), the moment
 * after which the document is expired whatever happens; Infinispan removes it then, so no
 * replica sweeps. A replica that finds an expired document first removes it itself.
 *
 * <p><b>Lifecycle.</b> Starts are reported by the replica whose insert won. Without
 * {@link EndClaims}, ends are reported by the replica whose removal won, and expiries that
 * Infinispan's reaper removes are not reported. With them (events on), every replica also hears
 * Infinispan's expiries through an {@link ExpiredSessionsListener}, and every end, whoever saw
 * it, is reported only by the replica that wins its claim: once per cluster. A rotation is reported
 * by the replica whose {@code removeWithVersion} of the old id won, which only one can.
 *
 * <p><b>Applications.</b> The live sessions of an application with a limit of its own are counted
 * by {@link ApplicationCounts}: a create takes a place first, and whoever removes a session gives
 * its place back.
 *
 * <p><b>Failures.</b> Every operation completes within {@code operationTimeout}. When it lost a
 * compare-and-set and ran out of time, other writers kept changing the session: the stage fails
 * with WRITE_CONTENTION. Otherwise, when Infinispan does not answer in time or fails, the stage
 * fails with STORE_UNAVAILABLE. After either, a write sent before the deadline may still land.
 */
public final class InfinispanSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(InfinispanSessionStore.class);

    private final SessionsCache cache;
    private final SessionDocuments documents = new SessionDocuments();
    private final SessionEvents events;
    private final ExpiryRule expiry;
    private final Duration operationTimeout;
    private final ApplicationCounts applications;
    private final EndClaims claims;
    private final InstantSource clock;
    private volatile ListenerRegistration expiries;

    private InfinispanSessionStore(
            SessionsCache cache,
            SessionEvents events,
            Duration touchInterval,
            Duration operationTimeout,
            Function<ExpiryRule, ApplicationCounts> applications,
            EndClaims claims,
            InstantSource clock) {
        this.cache = cache;
        this.events = events;
        this.expiry = new ExpiryRule(touchInterval);
        this.operationTimeout = operationTimeout;
        this.applications = applications.apply(expiry);
        this.claims = claims;
        this.clock = clock;
    }

    /**
     * A store on the cluster that {@code manager} connects to. Nothing is contacted here: the
     * client is asked for, and the cache found or created, by the first operation.
     */
    public static InfinispanSessionStore create(
            Supplier<RemoteCacheManager> manager, InfinispanSettings settings, SessionEvents events) {
        SessionsCache cache = new SessionsCache(manager, settings.cache(), settings.cacheConfiguration());
        return new InfinispanSessionStore(
                cache,
                events,
                settings.touchInterval(),
                settings.operationTimeout(),
                applications(manager, settings),
                null,
                null);
    }

    private static Function<ExpiryRule, ApplicationCounts> applications(
            Supplier<RemoteCacheManager> manager, InfinispanSettings settings) {
        return expiry -> new ApplicationCounts(manager, settings.cache(), settings.applicationMaxSessions(), expiry);
    }

    /**
     * A store that reports every end once per cluster, through {@code claims} (closed with it), including the
     * expiries that Infinispan's reaper removes (heard from start-up on; {@code clock} says when
     * this replica heard them).
     */
    public static InfinispanSessionStore create(
            Supplier<RemoteCacheManager> manager,
            InfinispanSettings settings,
            SessionEvents events,
            EndClaims claims,
            InstantSource clock) {
        SessionsCache cache = new SessionsCache(manager, settings.cache(), settings.cacheConfiguration());
        InfinispanSessionStore store = new InfinispanSessionStore(
                cache,
                events,
                settings.touchInterval(),
                settings.operationTimeout(),
                applications(manager, settings),
                claims,
                clock);
        store.expiries = ListenerRegistration.start(
                cache,
                new ExpiredSessionsListener(store::reaped, () -> store.expiries.awaitReregistered(() -> {})),
                "session-expiry-listener");
        return store;
    }

    /** Whether this replica hears the expiries of Infinispan's reaper (always false without claims). */
    public boolean hearsReapedExpiries() {
        return expiries != null && expiries.isRegistered();
    }

    @Override
    public void close() {
        applications.close();
        if (expiries != null) {
            expiries.close();
            claims.close();
        }
        cache.close();
    }

    @Override
    public String kind() {
        return "infinispan";
    }

    @Override
    public CompletionStage<Void> insert(Session session) {
        return call(caches -> applications
                .reserve(session.application(), caches.plain(), session.lastAccessedAt())
                .thenCompose(reserved -> caches.returning()
                        .putIfAbsentAsync(
                                session.id(), documents.write(session), lifespanSeconds(session), TimeUnit.SECONDS)
                        .handle((previous, failure) -> {
                            if (failure == null && previous == null) {
                                events.started(session);
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            // Not written, or not known to be: give the place back.
                            applications.release(session.application());
                            return CompletableFuture.<Void>failedFuture(
                                    failure != null ? failure : new IllegalStateException("duplicate session id"));
                        })
                        .thenCompose(Function.identity())));
    }

    @Override
    public <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update) {
        Budget budget = new Budget();
        return call(budget, caches -> attemptUpdate(caches, id, now, update, budget));
    }

    private <R> CompletableFuture<UpdateResult<R>> attemptUpdate(
            SessionsCache.Caches caches, String id, Instant now, SessionUpdate<R> update, Budget budget) {
        return caches.plain().getWithMetadataAsync(id).thenCompose(stored -> {
            if (stored == null) {
                return CompletableFuture.failedFuture(SessionException.sessionNotFound());
            }
            Session current = documents.read(stored.getValue());
            if (expiry.isExpired(current, now)) {
                return removeExpired(caches, current, stored, now)
                        .thenCompose(ignored -> CompletableFuture.failedFuture(SessionException.sessionNotFound()));
            }
            UpdateResult<R> change = update.apply(current);
            Session next = change.session();
            if (!expiry.needsWrite(current, next)) {
                return CompletableFuture.completedFuture(change);
            }
            return caches.plain()
                    .replaceWithVersionAsync(
                            id,
                            documents.write(next),
                            stored.getVersion(),
                            lifespanSeconds(next),
                            TimeUnit.SECONDS,
                            -1,
                            TimeUnit.SECONDS)
                    .thenCompose(replaced -> replaced
                            ? CompletableFuture.completedFuture(change)
                            // Another writer came first: run the update again on what it stored.
                            : budget.retry(() -> attemptUpdate(caches, id, now, update, budget)));
        });
    }

    @Override
    public CompletionStage<Boolean> delete(String id, Instant now, EndReason reason, Consumer<Session> check) {
        Budget budget = new Budget();
        return call(budget, caches -> attemptDelete(caches, id, now, reason, check, budget));
    }

    /** Like an update: the version that {@code check} accepted is the one removed, or it checks again. */
    private CompletableFuture<Boolean> attemptDelete(
            SessionsCache.Caches caches,
            String id,
            Instant now,
            EndReason reason,
            Consumer<Session> check,
            Budget budget) {
        return caches.plain().getWithMetadataAsync(id).thenCompose(stored -> {
            if (stored == null) {
                return CompletableFuture.completedFuture(false);
            }
            Session current = documents.read(stored.getValue());
            if (expiry.isExpired(current, now)) {
                return removeExpired(caches, current, stored, now).thenApply(ignored -> false);
            }
            check.accept(current);
            return caches.plain()
                    .removeWithVersionAsync(id, stored.getVersion())
                    .thenCompose(removed -> {
                        if (removed) {
                            applications.release(current.application());
                            ended(current, reason, now);
                            return CompletableFuture.completedFuture(true);
                        }
                        return budget.retry(() -> attemptDelete(caches, id, now, reason, check, budget));
                    });
        });
    }

    /**
     * Copies the document to {@code newId}, then removes {@code id} by the version that was copied:
     * when another write came between, the removal fails and the copy is made again from what that
     * writer stored, so every write either is in the copy or finds no session. When the move fails,
     * the copy is removed again, unless Infinispan failed and the old document is gone (then this
     * move may have happened). A refusal, SESSION_NOT_FOUND or contention means this move did not
     * happen (a racing rotation or delete took the old document): its copy goes.
     */
    @Override
    public CompletionStage<Session> rotate(String id, String newId, Instant now, UnaryOperator<Session> change) {
        Budget budget = new Budget();
        return call(
                budget,
                caches -> attemptRotate(caches, id, newId, now, change, budget)
                        .exceptionallyCompose(failure -> copyIsOrphan(caches, id, failure)
                                .thenCompose(orphan -> orphan ? caches.plain().removeAsync(newId) : done())
                                .handle((ignored, cleanupFailure) -> null)
                                .thenCompose(
                                        ignored -> CompletableFuture.<Session>failedFuture(Failures.cause(failure)))));
    }

    /**
     * Whether a failed rotation's copy must go: always after a refusal of ours (its removal of the old
     * id never won), else when the old document stays (Infinispan failed before the move).
     */
    private static CompletableFuture<Boolean> copyIsOrphan(SessionsCache.Caches caches, String id, Throwable failure) {
        return Failures.cause(failure) instanceof SessionException
                ? CompletableFuture.completedFuture(true)
                : caches.plain().containsKeyAsync(id);
    }

    private static CompletableFuture<String> done() {
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Session> attemptRotate(
            SessionsCache.Caches caches,
            String id,
            String newId,
            Instant now,
            UnaryOperator<Session> change,
            Budget budget) {
        return caches.plain().getWithMetadataAsync(id).thenCompose(stored -> {
            if (stored == null) {
                return CompletableFuture.failedFuture(SessionException.sessionNotFound());
            }
            Session current = documents.read(stored.getValue());
            if (expiry.isExpired(current, now)) {
                return removeExpired(caches, current, stored, now)
                        .thenCompose(ignored -> CompletableFuture.failedFuture(SessionException.sessionNotFound()));
            }
            Session moved = change.apply(current);
            return caches.plain()
                    .putAsync(newId, documents.write(moved), lifespanSeconds(moved), TimeUnit.SECONDS)
                    .thenCompose(ignored -> caches.plain().removeWithVersionAsync(id, stored.getVersion()))
                    .thenCompose(removed -> {
                        if (removed) {
                            // Only one removal by this version wins in the cluster: that move is the rotation.
                            events.rotated(moved, id, now);
                            return CompletableFuture.completedFuture(moved);
                        }
                        // A write to the old id came between: copy again what it stored.
                        return budget.retry(() -> attemptRotate(caches, id, newId, now, change, budget));
                    });
        });
    }

    /** Removes an expired document unless it changed meanwhile; only the replica whose removal wins reports it. */
    private CompletableFuture<Void> removeExpired(
            SessionsCache.Caches caches, Session current, MetadataValue<String> stored, Instant now) {
        return caches.plain()
                .removeWithVersionAsync(current.id(), stored.getVersion())
                .thenAccept(removed -> {
                    if (removed) {
                        applications.release(current.application());
                        ended(current, EndReason.EXPIRED, now);
                    }
                });
    }

    /**
     * A session that Infinispan's reaper removed, as its expiry listener delivered it. Its place in
     * its application's count is given back by the replica that wins its end's claim.
     */
    private void reaped(String document) {
        Session current = documents.read(document);
        claimed(current, EndReason.EXPIRED, clock.instant(), () -> applications.release(current.application()));
    }

    /**
     * Reports an end that this replica saw: at once without claims (its removal won, so no other
     * replica saw it); with claims, only when this replica is the first in the cluster to claim it.
     * The request that ended the session does not wait for the claim.
     */
    private void ended(Session finalState, EndReason reason, Instant endedAt) {
        if (claims == null) {
            events.ended(finalState, reason, endedAt);
            return;
        }
        claimed(finalState, reason, endedAt, () -> {});
    }

    /** Claims an end and, when this replica wins the claim, runs {@code onWin} and reports the end. */
    private void claimed(Session finalState, EndReason reason, Instant endedAt, Runnable onWin) {
        claims.claim(finalState.id(), reason, endedAt).whenComplete((won, failure) -> {
            if (failure != null) {
                LOG.warnf("The end of a session could not be claimed and is not reported: %s", failure.toString());
            } else if (won) {
                onWin.run();
                events.ended(finalState, reason, endedAt);
            }
        });
    }

    /**
     * The time one operation has, and whether it has lost a compare-and-set: then running out of
     * time means contention, not an outage (an outage that begins after a lost compare-and-set
     * counts as contention too; both answer 503). Touched by the operation's callbacks one at a time.
     */
    private final class Budget {
        /** When the operation must have finished, in {@link System#nanoTime()}. */
        private final long deadline = System.nanoTime() + operationTimeout.toNanos();

        private volatile boolean contended;

        /**
         * Another attempt after a lost compare-and-set, unless the operation is out of time: the
         * caller has had its 503 then, and a change made after that would surprise it.
         */
        <T> CompletableFuture<T> retry(Supplier<CompletableFuture<T>> attempt) {
            contended = true;
            return System.nanoTime() - deadline < 0 ? attempt.get() : CompletableFuture.failedFuture(contention());
        }
    }

    /** The number of live sessions in the whole cluster (Infinispan counts no expired entry). */
    @Override
    public CompletionStage<Long> count() {
        return call(caches -> caches.plain().sizeAsync());
    }

    @Override
    public CompletionStage<Boolean> isAvailable() {
        return call(caches -> caches.plain().containsKeyAsync("-").thenApply(answered -> true))
                .exceptionally(failure -> false);
    }

    /**
     * How long Infinispan keeps the entry after this write, which accessed it: the session's timeout
     * plus its grace, or until its maximum lifetime ends when that comes first; rounded up, at
     * least a second.
     */
    private long lifespanSeconds(Session session) {
        Duration keep = expiry.keepFor(session, session.lastAccessedAt());
        return Math.max(1, keep.toSeconds() + (keep.toNanosPart() > 0 ? 1 : 0));
    }

    /** {@link #call(Budget, Function)} for an operation that never retries. */
    private <T> CompletionStage<T> call(Function<SessionsCache.Caches, CompletableFuture<T>> operation) {
        return call(new Budget(), operation);
    }

    /**
     * Runs {@code operation} on the cache within the operation timeout, and turns what Infinispan
     * or the wait threw into STORE_UNAVAILABLE, or WRITE_CONTENTION when {@code budget} ran out
     * after a lost compare-and-set; refusals of the session rules pass unchanged.
     */
    private <T> CompletionStage<T> call(Budget budget, Function<SessionsCache.Caches, CompletableFuture<T>> operation) {
        CompletionStage<SessionsCache.Caches> caches = cache.get();
        return caches.thenCompose(operation)
                .toCompletableFuture()
                .orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    Throwable cause = Failures.cause(failure);
                    if (cause instanceof HotRodClientException) {
                        // The server may have lost the cache (a restarted node): look it up again next time.
                        cache.reset(caches);
                        return CompletableFuture.failedFuture(unavailable(cause));
                    }
                    if (cause instanceof TimeoutException) {
                        return CompletableFuture.failedFuture(budget.contended ? contention() : unavailable(cause));
                    }
                    // A refusal by the session rules, or a bug: not Infinispan's doing.
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private SessionException unavailable(Throwable cause) {
        String reason = cause instanceof TimeoutException
                ? "Infinispan did not answer within " + operationTimeout.toMillis() + " ms."
                : "Infinispan could not be reached.";
        return new SessionException(SessionException.Kind.STORE_UNAVAILABLE, reason + " Try again shortly.");
    }

    private SessionException contention() {
        return new SessionException(
                SessionException.Kind.WRITE_CONTENTION,
                "Other writers kept changing the session for " + operationTimeout.toMillis()
                        + " ms, so this change could not be applied. Try again shortly.");
    }
}
