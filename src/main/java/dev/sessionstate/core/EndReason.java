package dev.sessionstate.core;

/** Why a session ended. */
public enum EndReason {
    /** Ended by the caller: abandon or delete. */
    ABANDONED,
    /** Idle for longer than its timeout. */
    EXPIRED,
    /** Ended to make room for a new session of its owner (sessions.owners.on-limit=evict-oldest). */
    EVICTED
}
