package dev.sessionstate.core;

/**
 * A change to one live session, applied atomically by a store.
 *
 * <p>It must be a pure function of the current session: a store may call it more than once
 * (after losing a compare-and-set race) and keeps only the last outcome. It refuses a change by
 * throwing a {@link SessionException}, which leaves the session as it was.
 */
@FunctionalInterface
public interface SessionUpdate<R> {

    UpdateResult<R> apply(Session current);
}
