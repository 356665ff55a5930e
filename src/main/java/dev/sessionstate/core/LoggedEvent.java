package dev.sessionstate.core;

import java.time.Instant;

/**
 * One lifecycle event as the {@link EventLog} keeps it: the CloudEvents 1.0 attributes, its data,
 * and its place in the log.
 *
 * <p>{@code id} is unique and never changes: redeliveries carry the same id, and it is both the
 * SSE {@code id} and the webhook's {@code webhook-id}. {@code sequence} orders the events of one
 * log (increasing, across all applications). {@code subject} is the session id. {@code data} is
 * the CloudEvents {@code data} member, a JSON object as text.
 */
public record LoggedEvent(
        String id, long sequence, String type, String application, String subject, Instant time, String data) {

    /** A session was created (Session_OnStart). */
    public static final String STARTED = "dev.sessionstate.session.started";

    /** A session ended (Session_OnEnd); {@code data.reason} says how. */
    public static final String ENDED = "dev.sessionstate.session.ended";

    /** A session was given a new id, its subject; {@code data.previousId} is the id it had. */
    public static final String ROTATED = "dev.sessionstate.session.rotated";
}
