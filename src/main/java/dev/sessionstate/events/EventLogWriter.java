package dev.sessionstate.events;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Turns the lifecycle that a store reports into CloudEvents appended to the {@link EventLog}:
 * {@link LoggedEvent#STARTED} at a session's creation, {@link LoggedEvent#ENDED} at its end, with
 * the session id as subject. The store reports each once per cluster, so each is appended once.
 *
 * <p>Appending does not wait: the request or sweep that reported goes on at once. An append that
 * fails (Infinispan away) loses that event; it is logged and counted in {@link #lost()}.
 */
public final class EventLogWriter implements SessionEvents {

    private static final Logger LOG = Logger.getLogger(EventLogWriter.class);

    private final EventLog log;
    private final AtomicLong lost = new AtomicLong();

    public EventLogWriter(EventLog log) {
        this.log = log;
    }

    @Override
    public void started(Session session) {
        append(LoggedEvent.STARTED, session, session.createdAt(), EventData.started(session));
    }

    @Override
    public void ended(Session finalState, EndReason reason, Instant endedAt) {
        append(LoggedEvent.ENDED, finalState, endedAt, EventData.ended(finalState, reason, endedAt));
    }

    /** Events that could not be appended since start. */
    public long lost() {
        return lost.get();
    }

    private void append(String type, Session session, Instant time, String data) {
        log.append(type, session.application(), session.id(), time, data).whenComplete((event, failure) -> {
            if (failure != null) {
                lost.incrementAndGet();
                // Never the session id: the log must not help anyone take over a session.
                LOG.warnf("A %s event could not be logged and is lost: %s", type, failure.toString());
            }
        });
    }
}
