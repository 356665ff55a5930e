package dev.sessionstate.events;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The streams of {@code GET /events}: for each subscriber, its application's events from the
 * {@link EventLog}, replayed after the id it last received (from whichever replica appended them),
 * then live, with keep-alive comments while idle. A stream that fails (the log unreachable, live
 * events possibly missed, a client too slow for its buffer) completes, so that the connection
 * ends and the client resumes with {@code Last-Event-ID}.
 */
public final class EventFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    /** Events read from the log at a time while replaying. */
    static final int PAGE = 256;
    /** Items held for a client that reads slower than events come; more end its stream. */
    static final int BUFFER = 10_000;

    private final Supplier<EventLog> log;
    private final Duration keepAlive;
    private final InstantSource clock;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-stream-keep-alive");
        thread.setDaemon(true);
        return thread;
    });

    /** The log is asked for on first use, so that a service with events off never creates one. */
    public EventFeed(Supplier<EventLog> log, Duration keepAlive, InstantSource clock, MeterRegistry registry) {
        this.log = log;
        this.keepAlive = keepAlive;
        this.clock = clock;
        Gauge.builder("events.subscribers", subscribers, AtomicInteger::get)
                .description("Open SSE streams of GET /events on this replica")
                .register(registry);
    }

    /**
     * The stream of one subscriber of {@code application}: with {@code lastEventId} null, live
     * events only; otherwise every retained event after it first, preceded by a gap event when
     * some may be missing ({@link StreamGap}).
     */
    public Multi<StreamItem> subscribe(String application, String lastEventId) {
        return Multi.createFrom()
                .<StreamItem>emitter(out -> start(out, application, lastEventId), BackPressureStrategy.ERROR)
                .onOverflow()
                .buffer(BUFFER)
                .onFailure()
                .invoke(failure -> LOG.debugf("Event stream ended: %s", failure.toString()))
                .onFailure()
                .recoverWithCompletion();
    }

    private void start(MultiEmitter<? super StreamItem> out, String application, String lastEventId) {
        FeedSubscriber subscriber = new FeedSubscriber(out, application);
        EventLog events = log.get();
        AutoCloseable listening = events.listen(subscriber::heard);
        // The stream ends, and its client resumes after its last event: the log has what was missed.
        AutoCloseable missing =
                events.onMissed(() -> subscriber.fail(new IllegalStateException("Live events may have been missed")));
        long every = keepAlive.toMillis();
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(subscriber::tick, every, every, TimeUnit.MILLISECONDS);
        subscribers.incrementAndGet();
        out.onTermination(() -> {
            subscribers.decrementAndGet();
            ticks.cancel(false);
            closeQuietly(listening);
            closeQuietly(missing);
        });
        if (lastEventId == null) {
            subscriber.goLive();
            return;
        }
        OptionalLong known = events.sequenceOf(lastEventId);
        events.oldest()
                .thenAccept(oldest -> {
                    if (known.isEmpty() || known.getAsLong() + 1 < oldest) {
                        String reason = known.isEmpty() ? "unknown" : "expired";
                        subscriber.emit(StreamGap.of(application, lastEventId, reason, clock.instant()));
                    }
                    replay(events, subscriber, known.isPresent() ? known.getAsLong() : oldest - 1);
                })
                .exceptionally(failure -> {
                    subscriber.fail(failure);
                    return null;
                });
    }

    private void replay(EventLog events, FeedSubscriber subscriber, long after) {
        events.after(after, PAGE).whenComplete((page, failure) -> {
            if (failure != null) {
                subscriber.fail(failure);
            } else if (!subscriber.isCancelled()) {
                subscriber.replayed(page);
                if (page.size() < PAGE) {
                    subscriber.goLive();
                } else {
                    replay(events, subscriber, last(page));
                }
            }
        });
    }

    private static long last(List<LoggedEvent> page) {
        return page.get(page.size() - 1).sequence();
    }

    private static void closeQuietly(AutoCloseable listening) {
        try {
            listening.close();
        } catch (Exception e) {
            LOG.debug("Closing an event listener failed", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
