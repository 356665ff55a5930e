package dev.sessionstate.metrics;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Failures;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.core.SessionUpdate;
import dev.sessionstate.core.UpdateResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A store that times every operation of the store it wraps ({@code sessions.store.operations},
 * tagged by operation, store and outcome) and reports how many sessions it holds
 * ({@code sessions.active}), how many it may hold ({@code sessions.capacity}, for a bounded store)
 * and whether it answers ({@code sessions.store.available}). Tags never carry a session id or an
 * item key.
 */
public final class MeteredSessionStore implements SessionStore {

    private final SessionStore delegate;
    private final MeterRegistry registry;
    /** The last count the store answered, and whether a count is under way. */
    private final AtomicLong lastCount = new AtomicLong();

    private final AtomicBoolean counting = new AtomicBoolean();
    /** The last availability the store answered: 1, 0, or NaN before its first answer. */
    private volatile double lastAvailable = Double.NaN;

    private final AtomicBoolean checking = new AtomicBoolean();
    /** Timers by operation and outcome, so the request path does not build meter ids. */
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    public MeteredSessionStore(SessionStore delegate, MeterRegistry registry) {
        this(delegate, registry, OptionalLong.empty());
    }

    /**
     * @param capacity the most sessions the store holds, when it is bounded (published as {@code sessions.capacity})
     */
    public MeteredSessionStore(SessionStore delegate, MeterRegistry registry, OptionalLong capacity) {
        this.delegate = delegate;
        this.registry = registry;
        Gauge.builder("sessions.active", this, MeteredSessionStore::activeSessions)
                .description("Sessions held by the store (with a shared store: in the whole cluster)")
                .tag("store", delegate.kind())
                .register(registry);
        Gauge.builder("sessions.store.available", this, MeteredSessionStore::storeAvailable)
                .description("1 while the store answers, 0 while it does not (as the last availability check found)")
                .tag("store", delegate.kind())
                .register(registry);
        capacity.ifPresent(max -> Gauge.builder("sessions.capacity", () -> max)
                .description("Most sessions the store may hold; creating one more is refused")
                .tag("store", delegate.kind())
                .register(registry));
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public CompletionStage<Void> insert(Session session) {
        Timer.Sample sample = Timer.start(registry);
        return timed("insert", delegate.insert(session), sample);
    }

    @Override
    public <R> CompletionStage<UpdateResult<R>> update(String id, Instant now, SessionUpdate<R> update) {
        Timer.Sample sample = Timer.start(registry);
        return timed("update", delegate.update(id, now, update), sample);
    }

    @Override
    public CompletionStage<Boolean> delete(String id, Instant now, EndReason reason, Consumer<Session> check) {
        Timer.Sample sample = Timer.start(registry);
        return timed("delete", delegate.delete(id, now, reason, check), sample);
    }

    @Override
    public CompletionStage<Session> rotate(String id, String newId, Instant now, UnaryOperator<Session> change) {
        Timer.Sample sample = Timer.start(registry);
        return timed("rotate", delegate.rotate(id, newId, now, change), sample);
    }

    @Override
    public CompletionStage<Long> count() {
        return delegate.count();
    }

    /**
     * The gauge's value. A scrape must not wait for a remote store, so it starts a count and
     * reports the last one answered: the current one from a store that answers at once (memory),
     * the one from the previous scrape from a remote store.
     */
    private double activeSessions() {
        if (counting.compareAndSet(false, true)) {
            delegate.count().whenComplete((count, failure) -> {
                if (count != null) {
                    lastCount.set(count);
                }
                counting.set(false);
            });
        }
        return lastCount.get();
    }

    /** Also records the answer for {@code sessions.store.available}; a failed check counts as unavailable. */
    @Override
    public CompletionStage<Boolean> isAvailable() {
        return delegate.isAvailable().whenComplete((up, failure) -> lastAvailable = Boolean.TRUE.equals(up) ? 1 : 0);
    }

    /**
     * The gauge's value: like {@link #activeSessions()}, a scrape starts a check and reports the
     * last answer, which readiness probes keep fresh too (they call {@link #isAvailable()}).
     */
    private double storeAvailable() {
        if (checking.compareAndSet(false, true)) {
            isAvailable().whenComplete((up, failure) -> checking.set(false));
        }
        return lastAvailable;
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> CompletionStage<T> timed(String operation, CompletionStage<T> stage, Timer.Sample sample) {
        // A store that has answered already (memory) needs no further stage to be timed.
        if (stage instanceof CompletableFuture<T> done && done.isDone() && !done.isCompletedExceptionally()) {
            sample.stop(timer(operation, "ok"));
            return stage;
        }
        return stage.whenComplete((result, failure) -> sample.stop(timer(operation, outcome(failure))));
    }

    private Timer timer(String operation, String outcome) {
        Map<String, Timer> byOutcome = timers.get(operation);
        Timer timer = byOutcome == null ? null : byOutcome.get(outcome);
        if (timer != null) {
            return timer;
        }
        return timers.computeIfAbsent(operation, op -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        outcome,
                        out -> Timer.builder("sessions.store.operations")
                                .description("Store operations")
                                .tags("operation", operation, "store", delegate.kind(), "outcome", out)
                                .register(registry));
    }

    /** {@code ok}, the kind of a refusal such as {@code session_not_found}, or {@code error}. */
    private static String outcome(Throwable failure) {
        Throwable cause = failure == null ? null : Failures.cause(failure);
        if (cause == null) {
            return "ok";
        }
        return cause instanceof SessionException refused ? refused.kind().name().toLowerCase() : "error";
    }
}
