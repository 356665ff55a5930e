package dev.sessionstate.events;

import dev.sessionstate.core.LoggedEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;

/**
 * One SSE connection: its application's events, first those replayed from the log, then the live
 * ones, with no event lost or repeated at the seam. The live listener is registered before the
 * replay reads the log, and live events that arrive meanwhile wait until the replay is done; an
 * event both replayed and heard live is sent once, by its sequence. Keep-alive comments go out
 * only when nothing else did since the last tick. Every method is called under this object's lock,
 * the one writer of the emitter.
 */
final class FeedSubscriber {

    /** Live events held while the replay runs; more fail the stream (the client resumes after its last id). */
    static final int MAX_WAITING = 10_000;
    /** Sequences remembered against repeats: the latest this many sent. */
    private static final int REMEMBERED = 4096;

    private final MultiEmitter<? super StreamItem> out;
    private final String application;
    private final Queue<LoggedEvent> waiting = new ArrayDeque<>();
    private final TreeSet<Long> sent = new TreeSet<>();
    private boolean live;
    private boolean quiet = true;

    FeedSubscriber(MultiEmitter<? super StreamItem> out, String application) {
        this.out = out;
        this.application = application;
    }

    synchronized void heard(LoggedEvent event) {
        if (live) {
            send(event);
        } else if (waiting.size() < MAX_WAITING) {
            waiting.add(event);
        } else {
            out.fail(new IllegalStateException("Too many live events waiting for the replay"));
        }
    }

    synchronized void replayed(List<LoggedEvent> page) {
        page.forEach(this::send);
    }

    synchronized void goLive() {
        live = true;
        while (!waiting.isEmpty()) {
            send(waiting.poll());
        }
    }

    synchronized void emit(StreamItem item) {
        out.emit(item);
        quiet = false;
    }

    synchronized void tick() {
        if (quiet && !out.isCancelled()) {
            out.emit(StreamItem.comment("keep-alive"));
        }
        quiet = true;
    }

    synchronized void fail(Throwable failure) {
        out.fail(failure);
    }

    boolean isCancelled() {
        return out.isCancelled();
    }

    private void send(LoggedEvent event) {
        if (!firstTime(event.sequence()) || !event.application().equals(application)) {
            return;
        }
        emit(StreamItem.event(event.id(), event.type(), CloudEventJson.of(event)));
    }

    /** False for a sequence already sent, or older than all those remembered once the memory is full. */
    private boolean firstTime(long sequence) {
        if (sent.contains(sequence) || sent.size() == REMEMBERED && sequence < sent.first()) {
            return false;
        }
        sent.add(sequence);
        if (sent.size() > REMEMBERED) {
            sent.pollFirst();
        }
        return true;
    }
}
