package dev.sessionstate.events;

import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Stand-in for the in-memory event log until it is merged (no retention). */
@Alternative
@Priority(1)
@Singleton
public class TestEventLog implements EventLog {

    private final String epoch = UUID.randomUUID().toString().substring(0, 8);
    private final ConcurrentSkipListMap<Long, LoggedEvent> events = new ConcurrentSkipListMap<>();
    private final List<Consumer<LoggedEvent>> listeners = new CopyOnWriteArrayList<>();
    private long next = 1;

    @Override
    public synchronized CompletionStage<LoggedEvent> append(
            String type, String application, String subject, Instant time, String data) {
        long seq = next++;
        LoggedEvent event = new LoggedEvent(epoch + "-" + seq, seq, type, application, subject, time, data);
        events.put(seq, event);
        listeners.forEach(l -> l.accept(event));
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public CompletionStage<List<LoggedEvent>> after(long after, int max) {
        return CompletableFuture.completedFuture(
                events.tailMap(after, false).values().stream().limit(max).toList());
    }

    @Override
    public synchronized CompletionStage<Long> oldest() {
        return CompletableFuture.completedFuture(events.isEmpty() ? next : events.firstKey());
    }

    @Override
    public OptionalLong sequenceOf(String eventId) {
        if (!eventId.startsWith(epoch + "-")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(eventId.substring(epoch.length() + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public AutoCloseable listen(Consumer<LoggedEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
