package dev.sessionstate.core;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where lifecycle events are kept for their retention, in order, for every replica to read: the
 * source of the SSE stream (live and replayed after {@code Last-Event-ID}) and of webhook
 * delivery. The in-memory store's log lives in this process; the Infinispan store's log is shared
 * by every replica of the cluster.
 *
 * <p>Appending is not deduplicated here: whoever appends has already made sure the event happens
 * once per cluster. All methods are thread-safe and never block the calling thread.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends one event; the log gives it its id and sequence. Completes with the event as logged,
     * or fails with STORE_UNAVAILABLE.
     */
    CompletionStage<LoggedEvent> append(String type, String application, String subject, Instant time, String data);

    /**
     * Up to {@code max} retained events whose sequence is greater than {@code after}, oldest first,
     * of every application. Events older than the retention are gone: compare with
     * {@link #oldest()} to tell a gap.
     */
    CompletionStage<List<LoggedEvent>> after(long after, int max);

    /** The sequence of the oldest retained event, or of the next event when none is retained. */
    CompletionStage<Long> oldest();

    /**
     * The sequence of the event with this id when the id was given by this log (whether or not the
     * event is still retained); empty for an id that this log never gave (another log, a log from
     * before a full restart that lost it, or garbage).
     */
    OptionalLong sequenceOf(String eventId);

    /**
     * Calls {@code listener} in this process for each event appended from now on, by any replica,
     * in sequence order as far as the log can tell. Closing the handle stops the calls. The
     * listener must be fast and must not throw.
     */
    AutoCloseable listen(Consumer<LoggedEvent> listener);

    /**
     * Calls {@code missed} in this process whenever the {@link #listen} listeners may have missed
     * events: when the log stops hearing the events of other replicas (Infinispan went away) and
     * again when it hears them once more. A live reader must then read the log again from its last
     * event. Closing the handle stops the calls. A log that cannot miss events never calls it.
     */
    default AutoCloseable onMissed(Runnable missed) {
        return () -> {};
    }

    /** Releases the log's resources. */
    @Override
    default void close() {}
}
