package dev.sessionstate.events;

import dev.sessionstate.core.DeliveryProgress;
import dev.sessionstate.core.DeliveryProgress.Pending;
import dev.sessionstate.core.DeliveryState;
import dev.sessionstate.core.DeliveryState.Versioned;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.jboss.logging.Logger;

/**
 * Delivers the events of one application to one webhook endpoint, in rounds, one round at a time:
 * while this replica holds the endpoint's dispatch lease, it first tries again the failed events
 * that are due, then sends the events after the cursor, oldest first, one at a time. An event that
 * fails moves aside to {@link DeliveryProgress#pending()} with its own back-off, and the cursor goes
 * on. Every step is saved by compare-and-set, so that a replica that lost its lease stops at its next
 * step and the one that took over goes on from the saved progress (at least once: the event in
 * flight at a takeover may be sent twice, with the same {@code webhook-id}).
 */
final class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Events read from the log, and retries made, per round. */
    static final int BATCH = 100;
    /** Failed events kept waiting at most; with this many the cursor waits too (the log keeps the rest). */
    static final int MAX_PENDING = 1000;

    private final WebhookEndpoint endpoint;
    private final EventLog log;
    private final DeliveryState state;
    private final WebhookSender sender;
    private final Settings settings;
    private final DeliveryMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean again;
    private volatile boolean gone;
    private Instant held = Instant.MIN;

    /** What every dispatcher of a replica shares. */
    record Settings(
            String owner,
            Duration lease,
            RetrySchedule schedule,
            InstantSource clock,
            Executor executor,
            DoubleSupplier random) {}

    WebhookDispatcher(
            WebhookEndpoint endpoint,
            EventLog log,
            DeliveryState state,
            WebhookSender sender,
            Settings settings,
            DeliveryMetrics metrics) {
        this.endpoint = endpoint;
        this.log = log;
        this.state = state;
        this.sender = sender;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Runs a round soon: now, or right after the one running. */
    void wake() {
        if (gone) {
            return;
        }
        again = true;
        if (running.compareAndSet(false, true)) {
            try {
                settings.executor().execute(this::run);
            } catch (RejectedExecutionException shuttingDown) {
                running.set(false);
            }
        }
    }

    /** Gives the lease up (at shutdown), so that another replica takes over without waiting for it to run out. */
    CompletionStage<Void> release() {
        return state.release(endpoint.name(), settings.owner());
    }

    private void run() {
        again = false;
        CompletionStage<Boolean> round;
        try {
            round = round();
        } catch (RuntimeException e) {
            round = CompletableFuture.failedFuture(e);
        }
        round.whenComplete((more, failure) -> {
            if (failure != null && !(unwrap(failure) instanceof Superseded)) {
                LOG.warnf("Webhook delivery to %s stopped this round: %s", endpoint.name(), unwrap(failure));
            }
            running.set(false);
            if (again || Boolean.TRUE.equals(more)) {
                wake();
            }
        });
    }

    private CompletionStage<Boolean> round() {
        return hold().thenCompose(holding -> {
            if (!holding) {
                return CompletableFuture.completedFuture(false);
            }
            return state.progress(endpoint.name())
                    .thenCompose(this::started)
                    .thenCompose(this::retryDue)
                    .thenCompose(this::sendNew);
        });
    }

    private CompletionStage<Boolean> hold() {
        Instant now = settings.clock().instant();
        return state.hold(endpoint.name(), settings.owner(), settings.lease()).thenApply(holding -> {
            held = holding ? now : Instant.MIN;
            return holding;
        });
    }

    /** The saved progress, or a new one that starts at the oldest retained event. */
    private CompletionStage<Versioned<DeliveryProgress>> started(Versioned<DeliveryProgress> read) {
        if (read.value() != null) {
            return CompletableFuture.completedFuture(read);
        }
        return log.oldest().thenCompose(oldest -> save(read, new DeliveryProgress(oldest - 1, List.of())));
    }

    private CompletionStage<Versioned<DeliveryProgress>> retryDue(Versioned<DeliveryProgress> current) {
        Instant now = settings.clock().instant();
        List<Pending> due = current.value().pending().stream()
                .filter(pending -> !pending.due().isAfter(now))
                .limit(BATCH)
                .toList();
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(current);
        }
        List<CompletableFuture<Pending>> attempts = due.stream()
                .map(this::retry)
                .map(CompletionStage::toCompletableFuture)
                .toList();
        return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
                .thenCompose(all -> {
                    List<Pending> pending = new ArrayList<>(current.value().pending());
                    pending.removeAll(due);
                    attempts.stream()
                            .map(CompletableFuture::join)
                            .filter(p -> p != null)
                            .forEach(pending::add);
                    return save(current, new DeliveryProgress(current.value().cursor(), pending));
                });
    }

    /** One more attempt of a waiting event: completes with its next wait, or null when it is done with. */
    private CompletionStage<Pending> retry(Pending pending) {
        return log.after(pending.sequence() - 1, 1).thenCompose(found -> {
            if (found.isEmpty() || found.get(0).sequence() != pending.sequence()) {
                metrics.dropped(endpoint.name(), DeliveryMetrics.UNKNOWN_TYPE, DeliveryMetrics.EXPIRED);
                return CompletableFuture.completedFuture(null);
            }
            LoggedEvent event = found.get(0);
            metrics.retried(endpoint.name(), event.type());
            return sender.send(endpoint, event).thenApply(outcome -> next(event, pending.attempts() + 1, outcome));
        });
    }

    private CompletionStage<Boolean> sendNew(Versioned<DeliveryProgress> current) {
        if (current.value().pending().size() >= MAX_PENDING) {
            return CompletableFuture.completedFuture(false);
        }
        return log.after(current.value().cursor(), BATCH)
                .thenCompose(events -> sendEach(current, events, 0))
                .thenApply(events -> events == BATCH);
    }

    /** Sends events[from...] one after the other, saving the progress after each; completes with the count read. */
    private CompletionStage<Integer> sendEach(Versioned<DeliveryProgress> current, List<LoggedEvent> events, int from) {
        if (from == events.size() || gone) {
            return CompletableFuture.completedFuture(events.size());
        }
        LoggedEvent event = events.get(from);
        DeliveryProgress progress = current.value();
        if (!event.application().equals(endpoint.application())) {
            boolean last = from == events.size() - 1;
            DeliveryProgress skipped = new DeliveryProgress(event.sequence(), progress.pending());
            return last
                    ? save(current, skipped).thenApply(saved -> events.size())
                    : sendEach(new Versioned<>(skipped, current.version()), events, from + 1);
        }
        return renewed()
                .thenCompose(ok -> sender.send(endpoint, event))
                .thenCompose(outcome -> {
                    List<Pending> pending = new ArrayList<>(progress.pending());
                    Pending waiting = next(event, 1, outcome);
                    if (waiting != null) {
                        pending.add(waiting);
                    }
                    return save(current, new DeliveryProgress(event.sequence(), pending));
                })
                .thenCompose(saved -> sendEach(saved, events, from + 1));
    }

    /** What an attempt leaves: null when the event is done with (delivered or given up), else its next wait. */
    private Pending next(LoggedEvent event, int made, DeliveryOutcome outcome) {
        Instant now = settings.clock().instant();
        switch (outcome.kind()) {
            case DELIVERED -> {
                metrics.delivered(endpoint.name(), event, Duration.between(event.time(), now));
                return null;
            }
            case GONE -> {
                gone = true;
                LOG.warnf("Webhook endpoint %s answered 410 Gone; no more events are sent to it", endpoint.name());
                metrics.dropped(endpoint.name(), event.type(), DeliveryMetrics.GONE);
                return null;
            }
            default -> {
                if (settings.schedule().exhausted(made)) {
                    LOG.warnf(
                            "Webhook endpoint %s: event %s given up after %d attempts (last status %d)",
                            endpoint.name(), event.id(), made, outcome.status());
                    metrics.dropped(endpoint.name(), event.type(), DeliveryMetrics.ATTEMPTS);
                    return null;
                }
                Duration wait = outcome.retryAfter() != null
                        ? outcome.retryAfter()
                        : settings.schedule().delay(made, settings.random());
                return new Pending(event.sequence(), made, now.plus(wait));
            }
        }
    }

    /** Renews the lease when a third of it has passed since it was last taken. */
    private CompletionStage<Boolean> renewed() {
        Duration since = Duration.between(held, settings.clock().instant());
        if (since.compareTo(settings.lease().dividedBy(3)) < 0) {
            return CompletableFuture.completedFuture(true);
        }
        return hold().thenApply(holding -> {
            if (!holding) {
                throw new Superseded();
            }
            return true;
        });
    }

    private CompletionStage<Versioned<DeliveryProgress>> save(
            Versioned<DeliveryProgress> current, DeliveryProgress next) {
        return state.save(endpoint.name(), current.version(), next).thenApply(saved -> {
            if (saved.isEmpty()) {
                throw new Superseded();
            }
            return new Versioned<>(next, saved.getAsLong());
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Another replica saved progress meanwhile: it delivers now; this round stops. */
    private static final class Superseded extends RuntimeException {
        Superseded() {
            super("superseded", null, false, false);
        }
    }
}
