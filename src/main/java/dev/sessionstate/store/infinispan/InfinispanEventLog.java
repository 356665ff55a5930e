package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.counter.api.StrongCounter;
import org.jboss.logging.Logger;

/**
 * The event log of the cluster, in Infinispan: each event a JSON document ({@link LogDocuments})
 * under its sequence number in a cache of its own, with a lifespan of the retention. Sequence
 * numbers come from a strong counter; ids are {@code <epoch>-<sequence>}, where the epoch is the
 * first value that any replica put under the key {@code epoch} of the cache: it changes only when
 * Infinispan loses the cache (a restart of the whole cluster without persistence), so an id is
 * never given twice. The cache and the counter that the log creates are kept on disk by every
 * Infinispan node, so a restart of the whole cluster keeps both; a counter that comes back behind
 * the cache is raised above it ({@link LogSequence}).
 *
 * <p>Every replica listens to the entries created in the cache ({@link LogListener}), so
 * {@link #listen} sees the events of all replicas. A sequence number may be taken and its
 * document written a moment later (or never, if its replica dies in between): {@link #after}
 * stops at such a hole until {@link #SETTLE} has passed since a later event was logged, and then
 * skips it.
 */
public final class InfinispanEventLog implements EventLog {

    private static final Logger LOG = Logger.getLogger(InfinispanEventLog.class);
    private static final String EPOCH = "epoch";

    /** How long a hole in the sequence may be an append in flight. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final SessionsCache cache;
    private final Supplier<RemoteCacheManager> manager;
    private final String counterName;
    private final Duration retention;
    private final Duration operationTimeout;
    private final InstantSource clock;
    private final List<Consumer<LoggedEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> missedListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "event-log-open");
        thread.setDaemon(true);
        return thread;
    });
    private final ListenerRegistration registration;
    private volatile CompletableFuture<Opened> opened;
    /** The lookup of the cache that {@link #opened} began with, to forget when an operation fails. */
    private CompletionStage<SessionsCache.Caches> openedFrom;

    private volatile String epoch;

    private InfinispanEventLog(
            Supplier<RemoteCacheManager> manager,
            InfinispanSettings settings,
            Duration retention,
            InstantSource clock) {
        this.manager = manager;
        this.cache = new SessionsCache(
                manager,
                settings.cache(),
                InfinispanSettings.persistentCacheConfiguration(settings.owners(), Duration.ofMinutes(1)));
        this.counterName = settings.cache() + "-sequence";
        this.retention = retention;
        this.operationTimeout = settings.operationTimeout();
        this.clock = clock;
        this.registration = ListenerRegistration.start(
                cache, new LogListener(this::created, this::failedOver), "event-log-listener");
    }

    /**
     * The log in cache {@code settings.cache()} (created when missing, with {@code owners} copies),
     * keeping each event for {@code retention}. It starts opening at once, in the background.
     */
    public static InfinispanEventLog create(
            Supplier<RemoteCacheManager> manager,
            InfinispanSettings settings,
            Duration retention,
            InstantSource clock) {
        InfinispanEventLog log = new InfinispanEventLog(manager, settings, retention, clock);
        log.open();
        return log;
    }

    /**
     * Takes the next sequence and writes the event under it, never over a retained event: a
     * sequence that is taken means the counter went back (see {@link LogSequence}), so the log is
     * opened again, which repairs the counter, and the append is tried once more.
     */
    @Override
    public CompletionStage<LoggedEvent> append(
            String type, String application, String subject, Instant time, String data) {
        Function<Opened, CompletionStage<LoggedEvent>> append =
                o -> o.counter().incrementAndGet().thenCompose(seq -> {
                    LoggedEvent event =
                            new LoggedEvent(o.epoch() + "-" + seq, seq, type, application, subject, time, data);
                    String document = LogDocuments.write(event, clock.instant());
                    return o.caches()
                            .returning()
                            .putIfAbsentAsync(Long.toString(seq), document, retention.toSeconds(), TimeUnit.SECONDS)
                            .thenCompose(previous -> previous == null
                                    ? CompletableFuture.completedFuture(event)
                                    : CompletableFuture.failedFuture(new SequenceTaken(seq)));
                });
        return call(append)
                .exceptionallyCompose(failure -> unwrap(failure) instanceof SequenceTaken
                        ? call(append)
                        : CompletableFuture.failedFuture(failure));
    }

    @Override
    public CompletionStage<List<LoggedEvent>> after(long after, int max) {
        return call(o -> o.counter().getValue().thenCompose(top -> LogReads.after(o.caches(), after, max, top, now())));
    }

    @Override
    public CompletionStage<Long> oldest() {
        return call(o -> o.counter().getValue().thenCompose(top -> LogReads.oldest(o.caches(), top)));
    }

    /**
     * Any sequence under this log's current epoch: whether it was given yet cannot be told without
     * asking Infinispan, and this must not wait.
     */
    @Override
    public OptionalLong sequenceOf(String eventId) {
        String current = epoch;
        int dash = eventId.lastIndexOf('-');
        if (current == null || dash != current.length() || !eventId.startsWith(current)) {
            return OptionalLong.empty();
        }
        try {
            long seq = Long.parseLong(eventId.substring(dash + 1));
            return seq >= 1 ? OptionalLong.of(seq) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public AutoCloseable listen(Consumer<LoggedEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public AutoCloseable onMissed(Runnable missed) {
        missedListeners.add(missed);
        return () -> missedListeners.remove(missed);
    }

    /** Whether this replica hears the events that every replica appends. */
    public boolean isListening() {
        return registration.isRegistered();
    }

    @Override
    public void close() {
        registration.close();
        blocking.shutdownNow();
        cache.close();
    }

    private void created(RawEvents raw) {
        if (EPOCH.equals(raw.key()) || raw.value() == null) {
            return;
        }
        LoggedEvent event = LogDocuments.read(raw.value()).event();
        for (Consumer<LoggedEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("An event listener failed", e);
            }
        }
    }

    /** The listener's node went away: live readers may miss events now, and again until it is registered anew. */
    private void failedOver() {
        LOG.warn("The event log's listener lost its Infinispan node; live event streams end and resume");
        missed();
        registration.awaitReregistered(this::missed);
    }

    private void missed() {
        for (Runnable listener : missedListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("A missed-events listener failed", e);
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private <T> CompletionStage<T> call(Function<Opened, CompletionStage<T>> operation) {
        CompletableFuture<Opened> current = open();
        return current.thenCompose(operation)
                .toCompletableFuture()
                .orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        // Infinispan may have lost the cache and the counter: find (or make) them again next time.
                        synchronized (this) {
                            if (opened == current) {
                                cache.reset(openedFrom);
                                opened = null;
                            }
                        }
                    }
                });
    }

    private synchronized CompletableFuture<Opened> open() {
        CompletableFuture<Opened> current = opened;
        if (current == null || current.isCompletedExceptionally()) {
            openedFrom = cache.get();
            current = openedFrom.toCompletableFuture().thenApplyAsync(this::opened, blocking);
            opened = current;
        }
        return current;
    }

    /**
     * Defines the counter (a no-op when it exists), raises it when it is behind the log, and reads
     * or sets the epoch: blocking calls.
     */
    private Opened opened(SessionsCache.Caches caches) {
        StrongCounter counter = LogSequence.define(manager.get(), counterName);
        LogSequence.repair(counter, caches, counterName);
        String candidate = "\"" + Long.toString(clock.millis(), 36) + "\"";
        String previous = caches.returning().putIfAbsent(EPOCH, candidate);
        String marker = previous != null ? previous : candidate;
        epoch = marker.substring(1, marker.length() - 1);
        return new Opened(caches, counter, epoch);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The sequence given by the counter holds a retained event already. */
    private static final class SequenceTaken extends RuntimeException {
        SequenceTaken(long sequence) {
            super("Sequence " + sequence + " of the event log is taken", null, false, false);
        }
    }

    /** The log's cache views, counter and epoch, once found or made. */
    private record Opened(SessionsCache.Caches caches, StrongCounter counter, String epoch) {}
}
