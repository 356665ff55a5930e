package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.ExpiryRule;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.RemoteCounterManagerFactory;
import org.infinispan.commons.util.CloseableIterator;
import org.infinispan.counter.api.CounterConfiguration;
import org.infinispan.counter.api.CounterManager;
import org.infinispan.counter.api.CounterType;
import org.infinispan.counter.api.Storage;
import org.infinispan.counter.api.StrongCounter;
import org.jboss.logging.Logger;

/**
 * The live sessions of each application that has a limit of its own, as a Hot Rod strong counter
 * per application shared by every replica ({@code sessions-<cache>-<application>}).
 *
 * <p>A create increments the counter before the session is written and is refused, decrementing it
 * again, when that passes the limit; the replica that removes a session (end, or an expired one it
 * found) decrements it. So concurrent creates on any replicas never pass the limit while the
 * counter is exact. Sessions that Infinispan itself reaps when they expire are not counted down
 * (no replica removed them), so the counter can only drift upwards: it then refuses creates that
 * would fit. Such a refusal reconciles: the application's live sessions in the cache are counted
 * and the counter is set to that number, by compare-and-set against the value read before
 * counting, so that a create or removal during the count leaves it alone. A create that
 * incremented before the count but had not yet written its session is then not counted: after a
 * reconciliation the application may hold at most as many sessions more than its limit as creates
 * were under way at that moment. Counting walks the whole cache, so each replica reconciles an
 * application at most once per {@link #RECONCILE_INTERVAL}.
 */
final class ApplicationCounts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApplicationCounts.class);

    /** Shortest time between two reconciliations of one application by one replica. */
    static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(10);

    private final Supplier<RemoteCacheManager> manager;
    private final String cacheName;
    private final Map<String, Long> limits;
    private final SessionDocuments documents = new SessionDocuments();
    private final ExpiryRule expiry;
    private final Map<String, CompletableFuture<StrongCounter>> counters = new ConcurrentHashMap<>();
    private final Map<String, Long> lastReconciled = new ConcurrentHashMap<>();
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sessions-application-counts");
        thread.setDaemon(true);
        return thread;
    });

    ApplicationCounts(
            Supplier<RemoteCacheManager> manager, String cacheName, Map<String, Long> limits, ExpiryRule expiry) {
        this.manager = manager;
        this.cacheName = cacheName;
        this.limits = Map.copyOf(limits);
        this.expiry = expiry;
    }

    /**
     * Takes a place for a new session of {@code application}; fails with CAPACITY_EXHAUSTED when
     * the application has none left. Completes at once for an application without a limit.
     */
    CompletableFuture<Void> reserve(String application, RemoteCache<String, String> cache, Instant now) {
        Long max = limits.get(application);
        if (max == null) {
            return CompletableFuture.completedFuture(null);
        }
        return counter(application)
                .thenCompose(counter -> counter.incrementAndGet().thenCompose(count -> {
                    if (count <= max) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return counter.decrementAndGet()
                            .thenCompose(ignored -> reconcile(application, counter, cache, now))
                            .thenCompose(reconciled -> reconciled
                                    ? reserveAfterReconciling(application, counter, max)
                                    : CompletableFuture.failedFuture(full(application, max)));
                }));
    }

    private CompletableFuture<Void> reserveAfterReconciling(String application, StrongCounter counter, long max) {
        return counter.incrementAndGet()
                .thenCompose(count -> count <= max
                        ? CompletableFuture.<Void>completedFuture(null)
                        : counter.decrementAndGet()
                                .thenCompose(ignored -> CompletableFuture.failedFuture(full(application, max))));
    }

    /** Gives back the place of a session of {@code application} that was removed, or never written. */
    CompletableFuture<Void> release(String application) {
        if (!limits.containsKey(application)) {
            return CompletableFuture.completedFuture(null);
        }
        return counter(application).thenCompose(StrongCounter::decrementAndGet).thenAccept(ignored -> {});
    }

    /**
     * Sets the counter to the application's live sessions in the cache, unless this replica did so
     * within {@link #RECONCILE_INTERVAL}; completes with whether it changed the counter.
     */
    private CompletableFuture<Boolean> reconcile(
            String application, StrongCounter counter, RemoteCache<String, String> cache, Instant now) {
        long at = System.nanoTime();
        Long last = lastReconciled.get(application);
        if (last != null && at - last < RECONCILE_INTERVAL.toNanos()) {
            return CompletableFuture.completedFuture(false);
        }
        if (last == null
                ? lastReconciled.putIfAbsent(application, at) != null
                : !lastReconciled.replace(application, last, at)) {
            return CompletableFuture.completedFuture(false);
        }
        return counter.getValue()
                .thenCompose(before -> CompletableFuture.supplyAsync(
                                () -> liveSessions(application, cache, now), blocking)
                        .thenCompose(live -> live >= before
                                ? CompletableFuture.completedFuture(false)
                                : counter.compareAndSet(before, live).thenApply(set -> {
                                    if (set) {
                                        LOG.debugf(
                                                "Application %s: counted %d live sessions, not %d",
                                                application, live, before);
                                    }
                                    return set;
                                })));
    }

    /** Walks the cache for the live sessions of {@code application}: a blocking call, on the thread of its own. */
    private long liveSessions(String application, RemoteCache<String, String> cache, Instant now) {
        long live = 0;
        try (CloseableIterator<Map.Entry<Object, Object>> entries = cache.retrieveEntries(null, 1000)) {
            while (entries.hasNext()) {
                Session session = documents.read((String) entries.next().getValue());
                if (session.application().equals(application) && !expiry.isExpired(session, now)) {
                    live++;
                }
            }
        }
        return live;
    }

    private CompletableFuture<StrongCounter> counter(String application) {
        CompletableFuture<StrongCounter> counter = counters.computeIfAbsent(
                application, name -> CompletableFuture.supplyAsync(() -> define(name), blocking));
        if (counter.isCompletedExceptionally()) {
            // Infinispan was away: define it again next time.
            counters.remove(application, counter);
        }
        return counter;
    }

    /** Defines the application's counter if no replica has yet: a blocking call. */
    private StrongCounter define(String application) {
        CounterManager counterManager = RemoteCounterManagerFactory.asCounterManager(manager.get());
        String name = "sessions-" + cacheName + "-" + application;
        counterManager.defineCounter(
                name,
                CounterConfiguration.builder(CounterType.UNBOUNDED_STRONG)
                        .initialValue(0)
                        .storage(Storage.VOLATILE)
                        .build());
        return counterManager.getStrongCounter(name);
    }

    private static SessionException full(String application, long max) {
        return new SessionException(
                SessionException.Kind.CAPACITY_EXHAUSTED,
                "Application '" + application + "' holds its maximum of " + max
                        + " sessions; try again when some have ended.");
    }

    @Override
    public void close() {
        blocking.shutdownNow();
    }
}
