package dev.sessionstate.core;

import java.time.Instant;

/**
 * A refused operation: the kind says why, the detail says what, for the caller. Nothing was
 * changed when one is thrown. Carries no stack trace, since it is an answer, not a fault.
 */
public final class SessionException extends RuntimeException {

    /** Why an operation was refused. */
    public enum Kind {
        SESSION_NOT_FOUND,
        ITEM_NOT_FOUND,
        INDEX_OUT_OF_RANGE,
        READ_ONLY,
        PRECONDITION_FAILED,
        TYPE_MISMATCH,
        COUNTER_OVERFLOW,
        INVALID_KEY,
        INVALID_FIELD,
        VALUE_TOO_LARGE,
        SESSION_TOO_LARGE,
        TOO_MANY_ITEMS,
        CAPACITY_EXHAUSTED,
        STORE_UNAVAILABLE,
        /**
         * Other writers kept changing the session until the operation ran out of time; the store
         * answers, so this is no outage. As after STORE_UNAVAILABLE, a write may still land.
         */
        WRITE_CONTENTION,
        /**
         * A write did not name the lease that holds the session, named a stale one, or named one
         * when none is held; {@link #heldLease()} says which lease holds it, if any.
         */
        SESSION_LOCKED,
        /** The owner holds as many sessions as it may, and the limit's action is to refuse. */
        OWNER_LIMIT_REACHED,
        /** The session has an owner, and a request would give it another. */
        OWNER_MISMATCH
    }

    private final Kind kind;
    private final HeldLease heldLease;

    public SessionException(Kind kind, String detail) {
        this(kind, detail, null);
    }

    private SessionException(Kind kind, String detail, HeldLease heldLease) {
        super(detail, null, false, false);
        this.kind = kind;
        this.heldLease = heldLease;
    }

    public Kind kind() {
        return kind;
    }

    /** For SESSION_LOCKED, the lease that holds the session, or null when none does; null for every other kind. */
    public HeldLease heldLease() {
        return heldLease;
    }

    /** SESSION_LOCKED: {@code held} holds the session at {@code now}, or none does when it is null. */
    public static SessionException locked(Lease held, Instant now, String detail) {
        return new SessionException(
                Kind.SESSION_LOCKED,
                detail,
                held == null ? null : new HeldLease(held.id(), held.ageSeconds(now), held.secondsLeft(now)));
    }

    /** The lease that refused a write: its id, its age and the seconds until it expires (rounded up). */
    public record HeldLease(long lockId, long ageSeconds, long secondsLeft) {}

    public static SessionException sessionNotFound() {
        return new SessionException(
                Kind.SESSION_NOT_FOUND, "No such session: it never existed, has expired or was abandoned.");
    }
}
