package dev.sessionstate.store.memory;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The event log of one process: events in sequence order, each kept for {@code retention} after
 * it was appended and at most {@code maxEvents} of them (the oldest go first). Ids are
 * {@code <epoch>-<sequence>}, where the epoch is new every time a log is made, so an id from a
 * process that has since restarted is never taken for one of this log.
 *
 * <p>Appends are serialised (a lock held for a map insert, the trim and the listeners' calls), so
 * listeners see events in sequence order; reads take no lock and skip events past their retention
 * that the next append will drop. Every stage is already complete.
 */
public final class InMemoryEventLog implements EventLog {

    private static final Logger LOG = Logger.getLogger(InMemoryEventLog.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InstantSource clock;
    private final Duration retention;
    private final int maxEvents;
    private final String epoch;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, Entry> events = new ConcurrentSkipListMap<>();
    private final List<Consumer<LoggedEvent>> listeners = new CopyOnWriteArrayList<>();
    /** How many entries {@link #events} holds; its own size() counts them one by one. Guarded by this. */
    private int retained;

    public InMemoryEventLog(InstantSource clock, Duration retention, int maxEvents) {
        this.clock = clock;
        this.retention = retention;
        this.maxEvents = maxEvents;
        // Base 36 has no '-', the separator of ids; the random part tells apart two processes started in one
        // millisecond.
        this.epoch = Long.toString(clock.millis(), 36) + Integer.toString(RANDOM.nextInt(36 * 36 * 36), 36);
    }

    @Override
    public synchronized CompletionStage<LoggedEvent> append(
            String type, String application, String subject, Instant time, String data) {
        long seq = sequence.incrementAndGet();
        LoggedEvent event = new LoggedEvent(epoch + "-" + seq, seq, type, application, subject, time, data);
        Instant now = clock.instant();
        events.put(seq, new Entry(event, now));
        retained++;
        trim(now);
        for (Consumer<LoggedEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("An event listener failed", e);
            }
        }
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public CompletionStage<List<LoggedEvent>> after(long after, int max) {
        Instant cutoff = cutoff(clock.instant());
        List<LoggedEvent> found = new ArrayList<>(Math.min(max, 64));
        for (Entry entry : events.tailMap(after, false).values()) {
            if (found.size() == max) {
                break;
            }
            if (entry.loggedAt().isAfter(cutoff)) {
                found.add(entry.event());
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public CompletionStage<Long> oldest() {
        // The next sequence is read first: an append after it only makes the answer too late by one.
        long next = sequence.get() + 1;
        Instant cutoff = cutoff(clock.instant());
        for (Entry entry : events.headMap(next).values()) {
            if (entry.loggedAt().isAfter(cutoff)) {
                return CompletableFuture.completedFuture(entry.event().sequence());
            }
        }
        return CompletableFuture.completedFuture(next);
    }

    @Override
    public OptionalLong sequenceOf(String eventId) {
        int dash = eventId.lastIndexOf('-');
        if (dash < 0 || !eventId.regionMatches(0, epoch, 0, dash) || dash != epoch.length()) {
            return OptionalLong.empty();
        }
        try {
            long seq = Long.parseLong(eventId.substring(dash + 1));
            return seq >= 1 && seq <= sequence.get() ? OptionalLong.of(seq) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public AutoCloseable listen(Consumer<LoggedEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Drops events past their retention, then the oldest beyond the count bound. */
    private void trim(Instant now) {
        Instant cutoff = cutoff(now);
        while (retained > 0) {
            var first = events.firstEntry();
            if (retained <= maxEvents && first.getValue().loggedAt().isAfter(cutoff)) {
                return;
            }
            events.remove(first.getKey());
            retained--;
        }
    }

    /** Events appended at or before this moment are past their retention. */
    private Instant cutoff(Instant now) {
        return now.minus(retention);
    }

    /** An event and when it was appended, which its retention counts from. */
    private record Entry(LoggedEvent event, Instant loggedAt) {}
}
