package dev.sessionstate.api;

/** The texts of the OpenAPI description of {@code GET /events}. */
final class EventsDocument {

    static final String STREAM = "Server-Sent Events (text/event-stream) of the caller's application (role events): "
            + "dev.sessionstate.session.started, dev.sessionstate.session.rotated (a new id, the subject; "
            + "data.previousId the old) and dev.sessionstate.session.ended as they happen. Without "
            + "Last-Event-ID (or after) the stream starts with the next event. With one, it first replays every "
            + "event after it that the log still retains (whichever replica served the earlier stream), then goes "
            + "live, with no event lost or repeated at the seam. When events after that id may be missing (it is "
            + "older than sessions.events.retention, or the log never gave it: malformed, another cluster's, or "
            + "from before a restart that lost the log) a dev.sessionstate.stream.gap event comes first, then every "
            + "retained event. Idle streams get a keep-alive comment every sessions.events.keep-alive (15 s). A "
            + "stream that fails (the store unreachable, a client too slow to keep up) ends; reconnect with "
            + "Last-Event-ID. With sessions.events.enabled=false this answers 404 with the type "
            + "urn:session-state:problem:events-disabled.";

    static final String FRAMES = "Each event is an SSE frame: id (the event id; none on a gap event), event (the "
            + "CloudEvents type) and one data line, the event as CloudEvents 1.0 JSON (structured mode). Lines "
            + "that start with a colon are keep-alive comments.";

    static final String EXAMPLE = """
            : keep-alive

            id: 1a2b3c-42
            event: dev.sessionstate.session.ended
            data: {"specversion":"1.0","id":"1a2b3c-42","source":"/applications/default",\
            "type":"dev.sessionstate.session.ended","subject":"Vx3kq0m9QzOuYdB4lFf2aw",\
            "time":"2026-11-30T10:15:30Z","datacontenttype":"application/json",\
            "data":{"reason":"expired"}}

            """;

    private EventsDocument() {}
}
