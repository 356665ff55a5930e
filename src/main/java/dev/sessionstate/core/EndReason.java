package dev.sessionstate.core;

/** Why a session ended. */
public enum EndReason {
    /** Ended by the caller: abandon or delete. */
    ABANDONED,
    /** Idle for longer than its timeout. */
    EXPIRED
}
