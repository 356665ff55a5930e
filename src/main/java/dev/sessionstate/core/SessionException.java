package dev.sessionstate.core;

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
        WRITE_CONTENTION
    }

    private final Kind kind;

    public SessionException(Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static SessionException sessionNotFound() {
        return new SessionException(Kind.SESSION_NOT_FOUND,
                "No such session: it never existed, has expired or was abandoned.");
    }
}
