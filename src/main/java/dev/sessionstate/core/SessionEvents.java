package dev.sessionstate.core;

import java.time.Instant;

/**
 * Receives the lifecycle of sessions from the store that holds them: for metrics and for the
 * event log. A store reports each start, each end and each id rotation exactly once, in the whole
 * cluster for a shared store: the replica whose write won reports it, whichever replica (or, for
 * expiries nobody asked about, the store itself) ended the session.
 *
 * <p>Implementations must be thread-safe and fast, and must not throw: they are called on the
 * request path, from expiry sweeps and from store callbacks. Later kinds of report come as default
 * methods that do nothing, as {@link #rotated} did, so that existing receivers keep compiling.
 */
public interface SessionEvents {

    /** {@code session} was stored, as it was stored. */
    void started(Session session);

    /**
     * A session ended. {@code finalState} is the session as it was last stored (its items
     * exactly as stored); {@code endedAt} is when the store removed it, or found it expired.
     */
    void ended(Session finalState, EndReason reason, Instant endedAt);

    /**
     * A session was given a new id: {@code session} is as it was stored under its new id, {@code
     * previousId} is the id that no longer finds it, {@code rotatedAt} is when it moved. Not an
     * end and not a start: the session goes on. Ignored by default.
     */
    default void rotated(Session session, String previousId, Instant rotatedAt) {}

    /** Both receivers, this one first. */
    default SessionEvents andThen(SessionEvents next) {
        SessionEvents first = this;
        return new SessionEvents() {
            @Override
            public void started(Session session) {
                first.started(session);
                next.started(session);
            }

            @Override
            public void ended(Session finalState, EndReason reason, Instant endedAt) {
                first.ended(finalState, reason, endedAt);
                next.ended(finalState, reason, endedAt);
            }

            @Override
            public void rotated(Session session, String previousId, Instant rotatedAt) {
                first.rotated(session, previousId, rotatedAt);
                next.rotated(session, previousId, rotatedAt);
            }
        };
    }
}
