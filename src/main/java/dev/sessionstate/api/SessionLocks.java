package dev.sessionstate.api;

import dev.sessionstate.core.LeaseClaim;
import dev.sessionstate.core.Precondition;

/**
 * The lease headers of a write: {@code Session-Lock: <lockId>} names the lease the caller
 * holds, and {@code Session-Lock-Release: true} releases it with the write in one atomic step.
 */
public final class SessionLocks {

    public static final String HEADER = "Session-Lock";
    public static final String RELEASE = "Session-Lock-Release";

    static final String LOCK_DOC = "The id of the lease that holds the session (POST /sessions/{id}/lock); required "
            + "while the session is leased, refused (423) when it names a lease that no longer holds it";
    static final String RELEASE_DOC =
            "true releases the lease named by Session-Lock with this write, in one atomic step";
    static final String END_DOC = "The id of the lease that holds the session; required while the session is leased";

    private SessionLocks() {}

    /** The precondition of a write's If-Match and lease headers; any of them may be null. */
    public static Precondition precondition(String ifMatch, String lockId, String release) {
        return EntityTags.ifMatch(ifMatch).holding(claim(lockId, release));
    }

    /** The claim of the lease headers; none when both are absent. */
    static LeaseClaim claim(String lockId, String release) {
        boolean releasing = release != null
                && switch (release.strip()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw invalid(RELEASE + " must be true or false.");
                };
        if (lockId == null) {
            if (releasing) {
                throw invalid(RELEASE + " needs " + HEADER + ": the id of the lease to release.");
            }
            return LeaseClaim.NONE;
        }
        return new LeaseClaim(lockId(lockId.strip(), HEADER), releasing);
    }

    /** A lease id from a header or a path: a positive integer. */
    static long lockId(String text, String where) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        ProblemType type = HEADER.equals(where) ? ProblemType.INVALID_HEADER : ProblemType.INVALID_PARAMETER;
        throw new ProblemException(type, where + " must be a lease id, a positive integer; got '" + text + "'.");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_HEADER, detail);
    }
}
