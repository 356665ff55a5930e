package dev.sessionstate.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.core.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InMemoryEventLog log = new InMemoryEventLog(now::get, Duration.ofHours(1), 3);

    @Test
    void appendedEventsGetIncreasingSequencesAndIdsOfOneEpoch() {
        LoggedEvent first = append("s1");
        LoggedEvent second = append("s2");

        assertEquals(1, first.sequence());
        assertEquals(2, second.sequence());
        String epoch = first.id().substring(0, first.id().indexOf('-'));
        assertEquals(epoch + "-1", first.id());
        assertEquals(epoch + "-2", second.id());
        assertEquals(
                List.of(first, second), log.after(0, 10).toCompletableFuture().join());
        assertEquals(List.of(second), log.after(1, 10).toCompletableFuture().join());
        assertEquals(List.of(first), log.after(0, 1).toCompletableFuture().join());
    }

    @Test
    void eventsPastTheirRetentionAreGoneAndOldestMovesOn() {
        append("s1");
        now.set(T0.plus(Duration.ofMinutes(30)));
        LoggedEvent later = append("s2");

        now.set(T0.plus(Duration.ofHours(1)));
        assertEquals(List.of(later), log.after(0, 10).toCompletableFuture().join());
        assertEquals(2, log.oldest().toCompletableFuture().join());

        now.set(T0.plus(Duration.ofMinutes(90)));
        assertEquals(List.of(), log.after(0, 10).toCompletableFuture().join());
        assertEquals(3, log.oldest().toCompletableFuture().join(), "the next event's sequence");
    }

    @Test
    void theOldestEventsGoBeyondTheCountBound() {
        assertEquals(1, log.oldest().toCompletableFuture().join());
        for (int i = 1; i <= 5; i++) {
            append("s" + i);
        }
        assertEquals(3, log.oldest().toCompletableFuture().join());
        assertEquals(
                List.of(3L, 4L, 5L),
                log.after(0, 10).toCompletableFuture().join().stream()
                        .map(LoggedEvent::sequence)
                        .toList());
    }

    @Test
    void sequenceOfKnowsOnlyIdsThatThisLogGave() {
        LoggedEvent event = append("s1");
        InMemoryEventLog other = new InMemoryEventLog(now::get, Duration.ofHours(1), 3);
        LoggedEvent foreign = other.append(LoggedEvent.STARTED, "default", "s9", T0, "{}")
                .toCompletableFuture()
                .join();

        assertNotEquals(event.id(), foreign.id());
        assertEquals(OptionalLong.of(1), log.sequenceOf(event.id()));
        assertEquals(OptionalLong.empty(), log.sequenceOf(foreign.id()));
        String epoch = event.id().substring(0, event.id().indexOf('-'));
        assertEquals(OptionalLong.empty(), log.sequenceOf(epoch + "-2"), "not given yet");
        assertEquals(OptionalLong.empty(), log.sequenceOf(epoch + "-x"));
        assertEquals(OptionalLong.empty(), log.sequenceOf("garbage"));
        assertEquals(OptionalLong.empty(), log.sequenceOf(""));
    }

    @Test
    void listenersSeeEveryAppendInOrderUntilClosed() throws Exception {
        List<LoggedEvent> seen = new ArrayList<>();
        AutoCloseable handle = log.listen(seen::add);
        log.listen(event -> {
            throw new IllegalStateException("a broken listener stops nobody");
        });

        LoggedEvent first = append("s1");
        LoggedEvent second = append("s2");
        handle.close();
        append("s3");

        assertEquals(List.of(first, second), seen);
        assertTrue(seen.get(0).time().equals(T0));
    }

    private LoggedEvent append(String subject) {
        return log.append(LoggedEvent.ENDED, "default", subject, T0, "{\"reason\":\"abandoned\"}")
                .toCompletableFuture()
                .join();
    }
}
