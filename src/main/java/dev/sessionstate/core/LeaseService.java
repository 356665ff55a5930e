package dev.sessionstate.core;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Exclusive leases on sessions (ASP.NET's GetItemExclusive, ReleaseItemExclusive): each
 * operation is one atomic update of the touched session, like every other, so the lease and the
 * data can never disagree. Reads never look at leases; writes check them through
 * {@link Precondition}. An expired lease is free for the next acquirer; nothing sweeps it.
 */
public final class LeaseService {

    private final SessionService sessions;
    private final Duration defaultLength;
    private final Duration minLength;
    private final Duration maxLength;

    /** Leases last {@code defaultLength} unless a caller asks for a length from min to max. */
    public LeaseService(SessionService sessions, Duration defaultLength, Duration minLength, Duration maxLength) {
        this.sessions = sessions;
        this.defaultLength = defaultLength;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /**
     * Takes the lease for {@code leaseSeconds} (null: the default) with the next id of the
     * session's fence. Fails with SESSION_LOCKED while another lease holds the session.
     */
    public CompletionStage<UpdateResult<Lease>> acquire(String id, Integer leaseSeconds) {
        Duration length = length(leaseSeconds);
        return sessions.updateAt(id, (current, now) -> {
            Lease held = current.leaseAt(now);
            if (held != null) {
                throw SessionException.locked(
                        held,
                        now,
                        "Lease " + held.id() + " holds the session until " + held.expiresAt()
                                + "; try again when it is released or expires.");
            }
            Lease lease = new Lease(current.fence() + 1, now, now.plus(length));
            return new UpdateResult<>(current.withLease(lease), lease);
        });
    }

    /**
     * Extends lease {@code lockId} to {@code leaseSeconds} (null: the default) from now. Fails
     * with SESSION_LOCKED unless that lease holds the session: an expired lease is not renewed.
     */
    public CompletionStage<UpdateResult<Lease>> renew(String id, long lockId, Integer leaseSeconds) {
        Duration length = length(leaseSeconds);
        return sessions.updateAt(id, (current, now) -> {
            new LeaseClaim(lockId, false).check(current, now);
            Lease renewed = new Lease(lockId, current.lease().acquiredAt(), now.plus(length));
            return new UpdateResult<>(current.withLease(renewed), renewed);
        });
    }

    /** Releases lease {@code lockId}. Fails with SESSION_LOCKED unless that lease holds the session. */
    public CompletionStage<Session> release(String id, long lockId) {
        return sessions.updateAt(id, (current, now) -> {
                    LeaseClaim claim = new LeaseClaim(lockId, true);
                    claim.check(current, now);
                    return new UpdateResult<Void>(claim.after(current), null);
                })
                .thenApply(UpdateResult::session);
    }

    /**
     * Releases whatever lease the session holds, or none (administrative; ASP.NET's release after the execution
     * timeout).
     */
    public CompletionStage<Session> forceRelease(String id) {
        return sessions.update(id, current -> new UpdateResult<Void>(current.withoutLease(), null))
                .thenApply(UpdateResult::session);
    }

    private Duration length(Integer leaseSeconds) {
        if (leaseSeconds == null) {
            return defaultLength;
        }
        Duration length = Duration.ofSeconds(leaseSeconds);
        if (length.compareTo(minLength) < 0 || length.compareTo(maxLength) > 0) {
            throw new SessionException(
                    SessionException.Kind.INVALID_FIELD,
                    "leaseSeconds must be from " + minLength.toSeconds() + " to " + maxLength.toSeconds() + "; got "
                            + leaseSeconds + ".");
        }
        return length;
    }
}
