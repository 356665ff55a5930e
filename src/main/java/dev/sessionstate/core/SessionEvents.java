package dev.sessionstate.core;

/**
 * Receives session lifecycle events, for metrics. Implementations must be thread-safe and fast:
 * they are called on the request path and from expiry sweeps.
 */
public interface SessionEvents {

    void created();

    /** A session ended; called exactly once per session that a store removes. */
    void ended(EndReason reason);
}
