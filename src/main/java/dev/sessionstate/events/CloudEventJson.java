package dev.sessionstate.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sessionstate.core.LoggedEvent;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes an event as a CloudEvents 1.0 JSON document in structured mode (the body of a webhook
 * POST, {@code application/cloudevents+json}, and the {@code data} of an SSE event): specversion,
 * id, source, type, subject, time, datacontenttype and data, the event's data embedded as it was
 * logged. The text is compact (one line), so that it is one SSE {@code data:} line and the very
 * bytes that a webhook signature covers.
 */
public final class CloudEventJson {

    /** The media type of one event in structured mode. */
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    private CloudEventJson() {}

    /** The event as CloudEvents JSON. */
    public static String of(LoggedEvent event) {
        return write(
                event.id(), source(event.application()), event.type(), event.subject(), event.time(), event.data());
    }

    /**
     * The CloudEvents {@code source} of an application's events, a URI reference:
     * {@code /applications/<application>}.
     */
    public static String source(String application) {
        return "/applications/" + application;
    }

    static String write(String id, String source, String type, String subject, Instant time, String data) {
        StringBuilder json = new StringBuilder(256 + data.length());
        json.append("{\"specversion\":\"1.0\"");
        member(json, "id", id);
        member(json, "source", source);
        member(json, "type", type);
        if (subject != null) {
            member(json, "subject", subject);
        }
        member(json, "time", DateTimeFormatter.ISO_INSTANT.format(time));
        member(json, "datacontenttype", "application/json");
        return json.append(",\"data\":").append(data).append('}').toString();
    }

    private static void member(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }
}
