package dev.sessionstate.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.util.UUID;

/**
 * The event that opens a resumed stream when events after the client's {@code Last-Event-ID} may
 * be missing: {@code expired}, the id is older than the retention; {@code unknown}, this cluster's
 * log never gave it (malformed, another cluster's, or from before a restart that lost the log).
 * Every retained event follows, then the live stream. It has no SSE id, so that the client's
 * {@code Last-Event-ID} stays the last real event it received.
 */
final class StreamGap {

    /** The CloudEvents type and SSE event name of the gap event. */
    static final String TYPE = "dev.sessionstate.stream.gap";

    private StreamGap() {}

    static StreamItem of(String application, String lastEventId, String reason, Instant now) {
        String data = "{\"lastEventId\":" + quoted(lastEventId) + ",\"reason\":\"" + reason + "\"}";
        String json = CloudEventJson.write(
                "gap-" + UUID.randomUUID(), CloudEventJson.source(application), TYPE, null, now, data);
        return StreamItem.event(null, TYPE, json);
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"').toString();
    }
}
