package dev.sessionstate.store;

import dev.sessionstate.core.Session;

/**
 * A change to one live session, applied atomically by a store.
 *
 * <p>It must be a pure function of the current session: a store may call it more than once
 * (after losing a compare-and-set race) and keeps only the last outcome. It refuses a change by
 * throwing a {@link dev.sessionstate.core.SessionException}, which leaves the session as it was.
 */
@FunctionalInterface
public interface SessionUpdate<R> {

    Change<R> apply(Session current);
}
