package dev.sessionstate.core;

import java.time.Instant;

/**
 * What a write says about the session's lease: the id of the lease it holds, if any, and whether
 * the write releases that lease in the same atomic step (ASP.NET's SetAndReleaseItemExclusive).
 */
public record LeaseClaim(Long lockId, boolean release) {

    /** A write that holds no lease: allowed only while none is held. */
    public static final LeaseClaim NONE = new LeaseClaim(null, false);

    public LeaseClaim {
        if (release && lockId == null) {
            throw new IllegalArgumentException("only a held lease can be released");
        }
    }

    /**
     * Throws SESSION_LOCKED unless this claim fits the lease that holds {@code session} at
     * {@code now}: none named while none is held, or the id of the one held. Naming a lease when
     * none is held is refused too, so a holder whose lease expired cannot write after others did.
     */
    public void check(Session session, Instant now) {
        Lease held = session.leaseAt(now);
        if (held == null) {
            if (lockId != null) {
                throw SessionException.locked(
                        null,
                        now,
                        "Lease " + lockId
                                + " no longer holds the session: it expired or was released. Acquire a new lease.");
            }
            return;
        }
        if (lockId == null) {
            throw SessionException.locked(
                    held,
                    now,
                    "The session is leased (lease " + held.id()
                            + "); a write must name that lease, or wait until it is released or expires.");
        }
        if (held.id() != lockId) {
            throw SessionException.locked(
                    held, now, "Lease " + lockId + " no longer holds the session; lease " + held.id() + " does.");
        }
    }

    /** {@code written} as stored by the write: without its lease when this claim releases it. */
    public Session after(Session written) {
        return release ? written.withoutLease() : written;
    }
}
