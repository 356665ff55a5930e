package dev.sessionstate.core;

/**
 * The outcome of an atomic update: the session as stored afterwards, and a result for the caller.
 */
public record UpdateResult<R>(Session session, R result) {}
