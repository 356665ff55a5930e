package dev.sessionstate.store.infinispan;

import java.util.HashSet;
import java.util.Set;
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
 * The strong counter that numbers the events of the log. It is defined {@link Storage#PERSISTENT},
 * so that it survives a restart of every Infinispan node as the log cache does (both in the
 * servers' data directories). A counter that comes back lower than the log (defined volatile by
 * an operator or an earlier version of the service, or a store that lost its last writes in a
 * crash) would give sequence numbers that retained events already have: {@link #repair} raises it
 * above them before the log is used. All methods block: they run on the log's opening thread.
 */
final class LogSequence {

    private static final Logger LOG = Logger.getLogger(LogSequence.class);

    /** How many sequence numbers above the counter are looked at for events that it should have counted. */
    private static final int PROBE = 8;

    private LogSequence() {}

    /** The counter {@code name}, defined persistent when missing; an existing volatile one is used and reported. */
    static StrongCounter define(RemoteCacheManager manager, String name) {
        CounterManager counters = RemoteCounterManagerFactory.asCounterManager(manager);
        boolean created = counters.defineCounter(
                name,
                CounterConfiguration.builder(CounterType.UNBOUNDED_STRONG)
                        .initialValue(0)
                        .storage(Storage.PERSISTENT)
                        .build());
        if (!created) {
            CounterConfiguration existing = counters.getConfiguration(name);
            if (existing != null && existing.storage() == Storage.VOLATILE) {
                LOG.warnf(
                        "Infinispan counter '%s' is volatile: a restart of every Infinispan node resets it, and the"
                                + " event log then skips the ids it had given. Remove it (the service defines it"
                                + " persistent) or define it with storage PERSISTENT.",
                        name);
            }
        }
        return counters.getStrongCounter(name);
    }

    /**
     * Raises {@code counter} to the highest sequence that the log cache holds when the counter is
     * behind it: at 0 while the cache holds events, or with events just above its value.
     */
    static void repair(StrongCounter counter, SessionsCache.Caches caches, String name) {
        long value = counter.getValue().join();
        if (value > 0 && caches.plain().getAll(above(value)).isEmpty()) {
            return;
        }
        // Rare: a fresh log (empty, so the scan is short) or a counter that was reset.
        long top = highest(caches);
        if (top <= value) {
            return;
        }
        LOG.warnf(
                "Infinispan counter '%s' was at %d, behind the event log (up to %d): raised to %d",
                name, value, top, top);
        while (value < top) {
            long witnessed = counter.compareAndSwap(value, top).join();
            if (witnessed == value) {
                return;
            }
            value = witnessed;
        }
    }

    private static Set<String> above(long value) {
        Set<String> keys = new HashSet<>();
        for (long seq = value + 1; seq <= value + PROBE; seq++) {
            keys.add(Long.toString(seq));
        }
        return keys;
    }

    /** The highest sequence among the keys of the log cache, 0 when it holds no event. */
    private static long highest(SessionsCache.Caches caches) {
        long top = 0;
        try (CloseableIterator<String> keys = caches.plain().keySet().iterator()) {
            while (keys.hasNext()) {
                String key = keys.next();
                if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                    top = Math.max(top, Long.parseLong(key));
                }
            }
        }
        return top;
    }
}
