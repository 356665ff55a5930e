package dev.sessionstate.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.LoggedEvent;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.store.memory.InMemoryEventLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Appends that the log refuses are counted by type in {@code events.append.failures}; the others are logged and
 * counted in {@code events.emitted}.
 */
class EventLogWriterTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FlakyLog log = new FlakyLog(new InMemoryEventLog(() -> T0, Duration.ofHours(1), 100));
    private final EventLogWriter writer = new EventLogWriter(log, registry);

    @Test
    void failuresReadZeroBeforeAnyAppend() {
        assertEquals(0, failures(LoggedEvent.STARTED));
        assertEquals(0, failures(LoggedEvent.ENDED));
        assertEquals(0, emitted(LoggedEvent.STARTED));
        assertEquals(0, emitted(LoggedEvent.ENDED));
        assertEquals(0, failures(LoggedEvent.ROTATED));
        assertEquals(0, emitted(LoggedEvent.ROTATED));
    }

    @Test
    void anAppendThatFailsIsCountedByTypeAndOneThatSucceedsIsNot() {
        Session session = Session.create("session-1", T0, 60, false, Items.EMPTY);

        log.failing = true;
        writer.started(session);
        log.failing = false;
        writer.ended(session, EndReason.ABANDONED, T0.plusSeconds(1));
        log.failing = true;
        writer.ended(session, EndReason.EXPIRED, T0.plusSeconds(2));

        assertEquals(1, failures(LoggedEvent.STARTED));
        assertEquals(1, failures(LoggedEvent.ENDED));
        assertEquals(0, emitted(LoggedEvent.STARTED));
        assertEquals(1, emitted(LoggedEvent.ENDED));
        List<LoggedEvent> logged = log.after(0, 10).toCompletableFuture().join();
        assertEquals(
                List.of(LoggedEvent.ENDED),
                logged.stream().map(LoggedEvent::type).toList());
    }

    private double emitted(String type) {
        return registry.get("events.emitted").tag("type", type).counter().count();
    }

    private double failures(String type) {
        return registry.get("events.append.failures")
                .tag("type", type)
                .counter()
                .count();
    }

    /** A real in-memory log whose appends fail, as Infinispan's would while it is away, when told to. */
    private static final class FlakyLog implements EventLog {

        private final EventLog log;
        private volatile boolean failing;

        FlakyLog(EventLog log) {
            this.log = log;
        }

        @Override
        public CompletionStage<LoggedEvent> append(
                String type, String application, String subject, Instant time, String data) {
            return failing
                    ? CompletableFuture.failedFuture(
                            new SessionException(SessionException.Kind.STORE_UNAVAILABLE, "Infinispan is away"))
                    : log.append(type, application, subject, time, data);
        }

        @Override
        public CompletionStage<List<LoggedEvent>> after(long after, int max) {
            return log.after(after, max);
        }

        @Override
        public CompletionStage<Long> oldest() {
            return log.oldest();
        }

        @Override
        public OptionalLong sequenceOf(String eventId) {
            return log.sequenceOf(eventId);
        }

        @Override
        public AutoCloseable listen(Consumer<LoggedEvent> listener) {
            return log.listen(listener);
        }
    }
}
