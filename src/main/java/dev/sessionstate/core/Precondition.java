package dev.sessionstate.core;

import java.time.Instant;
import java.util.Set;

/**
 * What a write must meet: a version of the session (HTTP If-Match; null {@code versions} accepts
 * any) and a claim on its lease (the Session-Lock headers). {@link #NONE} accepts any version and
 * holds no lease.
 */
public record Precondition(Set<Long> versions, LeaseClaim lease) {

    public static final Precondition NONE = new Precondition(null, LeaseClaim.NONE);

    public static Precondition versionIn(Set<Long> versions) {
        return new Precondition(Set.copyOf(versions), LeaseClaim.NONE);
    }

    /** This precondition with {@code claim} on the lease. */
    public Precondition holding(LeaseClaim claim) {
        return new Precondition(versions, claim);
    }

    /**
     * Throws SESSION_LOCKED unless the lease claim fits the session at {@code now}, then
     * PRECONDITION_FAILED unless the session's version is acceptable.
     */
    public void check(Session session, Instant now) {
        lease.check(session, now);
        if (versions != null && !versions.contains(session.version())) {
            throw new SessionException(
                    SessionException.Kind.PRECONDITION_FAILED,
                    "The session is at version " + session.version() + ", which the If-Match header does not name.");
        }
    }
}
