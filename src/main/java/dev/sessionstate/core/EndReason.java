package dev.sessionstate.core;

/**
 * Why a session ended, with the name that events and metrics give it. More ways to end may be
 * added (a session evicted to make room, as {@code evicted}); readers of events must expect
 * reasons they do not know. A new id for a live session is not an end: it will be an event type
 * of its own.
 */
public enum EndReason {
    /** Ended by the caller: abandon or delete. */
    ABANDONED("abandoned"),
    /** Idle for longer than its timeout. */
    EXPIRED("expired"),
    /** Ended to make room for a new session of its owner (sessions.owners.on-limit=evict-oldest). */
    EVICTED("evicted");

    private final String wireName;

    EndReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as events and metrics write it: lower case, stable. */
    public String wireName() {
        return wireName;
    }
}
