package dev.sessionstate.core;

import java.util.Set;

/**
 * A condition on the session's version that a write must meet (HTTP If-Match). {@link #NONE}
 * accepts any version.
 */
public record Precondition(Set<Long> versions) {

    public static final Precondition NONE = new Precondition(null);

    public static Precondition versionIn(Set<Long> versions) {
        return new Precondition(Set.copyOf(versions));
    }

    /** Throws PRECONDITION_FAILED unless the session's version is acceptable. */
    public void check(Session session) {
        if (versions != null && !versions.contains(session.version())) {
            throw new SessionException(SessionException.Kind.PRECONDITION_FAILED,
                    "The session is at version " + session.version() + ", which the If-Match header does not name.");
        }
    }
}
