package dev.sessionstate.events;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.EventLog;
import dev.sessionstate.core.LoggedEvent;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Turns the lifecycle that a store reports into CloudEvents appended to the {@link EventLog}:
 * {@link LoggedEvent#STARTED} at a session's creation, {@link LoggedEvent#ENDED} at its end,
 * {@link LoggedEvent#ROTATED} when it is given a new id, with the session id (the new one for a
 * rotation) as subject. The store reports each once per cluster, so each is appended once.
 *
 * <p>Appending does not wait: the request or sweep that reported goes on at once. Each event the
 * log took is counted in {@code events.emitted}; an append that fails (Infinispan away) loses that
 * event, which is logged at WARN and counted in {@code events.append.failures}; both by event type.
 */
public final class EventLogWriter implements SessionEvents {

    private static final Logger LOG = Logger.getLogger(EventLogWriter.class);

    private final EventLog log;
    private final Outcomes starts;
    private final Outcomes ends;
    private final Outcomes rotations;

    /** Registers the counters at once, so that they read 0 before the first event. */
    public EventLogWriter(EventLog log, MeterRegistry registry) {
        this.log = log;
        this.starts = new Outcomes(registry, LoggedEvent.STARTED);
        this.ends = new Outcomes(registry, LoggedEvent.ENDED);
        this.rotations = new Outcomes(registry, LoggedEvent.ROTATED);
    }

    @Override
    public void started(Session session) {
        append(LoggedEvent.STARTED, session, session.createdAt(), EventData.started(session), starts);
    }

    @Override
    public void ended(Session finalState, EndReason reason, Instant endedAt) {
        append(LoggedEvent.ENDED, finalState, endedAt, EventData.ended(finalState, reason, endedAt), ends);
    }

    @Override
    public void rotated(Session session, String previousId, Instant rotatedAt) {
        append(LoggedEvent.ROTATED, session, rotatedAt, EventData.rotated(session, previousId, rotatedAt), rotations);
    }

    private void append(String type, Session session, Instant time, String data, Outcomes outcomes) {
        log.append(type, session.application(), session.id(), time, data).whenComplete((event, failure) -> {
            if (failure == null) {
                outcomes.emitted().increment();
            } else {
                outcomes.failed().increment();
                // Never the session id: the log must not help anyone take over a session.
                LOG.warnf("A %s event could not be logged and is lost: %s", type, failure.toString());
            }
        });
    }

    /** The two counters of one event type. */
    private record Outcomes(Counter emitted, Counter failed) {

        Outcomes(MeterRegistry registry, String type) {
            this(
                    Counter.builder("events.emitted")
                            .description("Lifecycle events appended to the event log, to be streamed and delivered")
                            .tag("type", type)
                            .register(registry),
                    Counter.builder("events.append.failures")
                            .description("Lifecycle events lost because the event log did not take them")
                            .tag("type", type)
                            .register(registry));
        }
    }
}
