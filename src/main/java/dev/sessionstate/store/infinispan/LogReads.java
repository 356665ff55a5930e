package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads of the event log cache by sequence number. Events leave the cache in sequence order (all
 * live for the retention from their append), so the retained ones are a range up to the counter,
 * with at most a few holes: appends in flight, or lost with their replica.
 */
final class LogReads {

    /** How many sequence numbers one probe of {@link #oldest} reads, so a hole or two cannot mislead it. */
    private static final int PROBE = 8;

    private LogReads() {}

    /**
     * Up to {@code max} events after {@code after}, in order, up to {@code top} (the counter). A
     * hole stops the read unless an event after it was logged {@link InfinispanEventLog#SETTLE}
     * ago; a reader behind the retention continues from the oldest retained event.
     */
    static CompletableFuture<List<LoggedEvent>> after(
            SessionsCache.Caches caches, long after, int max, long top, Instant now) {
        long from = after + 1;
        long to = Math.min(top, after + max);
        if (from > to) {
            return CompletableFuture.completedFuture(List.of());
        }
        return read(caches, from, to).thenCompose(found -> {
            if (found.isEmpty() && to < top) {
                return oldest(caches, top)
                        .thenCompose(oldest -> oldest > from
                                ? after(caches, oldest - 1, max, top, now)
                                : CompletableFuture.completedFuture(List.of()));
            }
            return CompletableFuture.completedFuture(inOrder(found, from, to, now));
        });
    }

    /** The sequence of the oldest retained event, or {@code top + 1} when none is retained. */
    static CompletableFuture<Long> oldest(SessionsCache.Caches caches, long top) {
        return search(caches, 1, top + 1, top);
    }

    /** The least {@code s} in [lo, hi) whose probe finds an event, as its first event; {@code top + 1} if none. */
    private static CompletableFuture<Long> search(SessionsCache.Caches caches, long lo, long hi, long top) {
        if (lo >= hi) {
            return lo > top
                    ? CompletableFuture.completedFuture(top + 1)
                    : read(caches, lo, Math.min(top, lo + PROBE - 1))
                            .thenApply(found ->
                                    found.keySet().stream().min(Long::compare).orElse(top + 1));
        }
        long mid = lo + (hi - lo) / 2;
        return read(caches, mid, Math.min(top, mid + PROBE - 1))
                .thenCompose(
                        found -> found.isEmpty() ? search(caches, mid + 1, hi, top) : search(caches, lo, mid, top));
    }

    private static List<LoggedEvent> inOrder(Map<Long, LogDocuments.Entry> found, long from, long to, Instant now) {
        Instant settled = now.minus(InfinispanEventLog.SETTLE);
        long lastSettled = found.entrySet().stream()
                .filter(e -> !e.getValue().loggedAt().isAfter(settled))
                .mapToLong(Map.Entry::getKey)
                .max()
                .orElse(from - 1);
        List<LoggedEvent> events = new ArrayList<>(found.size());
        for (long seq = from; seq <= to; seq++) {
            LogDocuments.Entry entry = found.get(seq);
            if (entry != null) {
                events.add(entry.event());
            } else if (seq > lastSettled) {
                break;
            }
        }
        return events;
    }

    private static CompletableFuture<Map<Long, LogDocuments.Entry>> read(
            SessionsCache.Caches caches, long from, long to) {
        Set<String> keys = new HashSet<>();
        for (long seq = from; seq <= to; seq++) {
            keys.add(Long.toString(seq));
        }
        return caches.plain().getAllAsync(keys).thenApply(documents -> {
            Map<Long, LogDocuments.Entry> found = new HashMap<>();
            documents.forEach((key, document) -> found.put(Long.parseLong(key), LogDocuments.read(document)));
            return found;
        });
    }
}
