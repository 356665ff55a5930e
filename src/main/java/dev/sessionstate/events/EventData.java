package dev.sessionstate.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The CloudEvents {@code data} of lifecycle events, as JSON text. Times are RFC 3339 in UTC to the
 * millisecond, as the API writes them; items are written exactly as stored (they are JSON texts
 * already), in their order.
 */
final class EventData {

    private static final JsonFactory JSON = new JsonFactory();

    private EventData() {}

    /** {@code {"createdAt","owner","timeoutSeconds","readOnly","properties"}} of a session just stored. */
    static String started(Session session) {
        return write(json -> {
            json.writeStringField("createdAt", time(session.createdAt()));
            json.writeStringField("owner", session.owner());
            json.writeNumberField("timeoutSeconds", session.timeoutSeconds());
            json.writeBooleanField("readOnly", session.readOnly());
            properties(json, session.properties());
        });
    }

    /**
     * {@code {"previousId","createdAt","rotatedAt","owner","timeoutSeconds","readOnly","properties"}}
     * of a session just given a new id: what {@link #started} says, with the id it had and when it moved.
     */
    static String rotated(Session session, String previousId, Instant rotatedAt) {
        return write(json -> {
            json.writeStringField("previousId", previousId);
            json.writeStringField("createdAt", time(session.createdAt()));
            json.writeStringField("rotatedAt", time(rotatedAt));
            json.writeStringField("owner", session.owner());
            json.writeNumberField("timeoutSeconds", session.timeoutSeconds());
            json.writeBooleanField("readOnly", session.readOnly());
            properties(json, session.properties());
        });
    }

    /**
     * {@code {"reason","cause","createdAt","endedAt","lastAccessedAt","owner","properties","items"}}
     * of a session that ended; {@code cause}, only for an expired one, says which limit ended it:
     * {@code idle} (the idle timeout) or {@code max-lifetime}.
     */
    static String ended(Session finalState, EndReason reason, Instant endedAt) {
        return write(json -> {
            json.writeStringField("reason", reason.wireName());
            if (reason == EndReason.EXPIRED) {
                json.writeStringField("cause", endedByMaxLifetime(finalState) ? "max-lifetime" : "idle");
            }
            json.writeStringField("createdAt", time(finalState.createdAt()));
            json.writeStringField("endedAt", time(endedAt));
            json.writeStringField("lastAccessedAt", time(finalState.lastAccessedAt()));
            json.writeStringField("owner", finalState.owner());
            properties(json, finalState.properties());
            json.writeObjectFieldStart("items");
            for (Map.Entry<String, String> item : finalState.items().asMap().entrySet()) {
                json.writeFieldName(item.getKey());
                json.writeRawValue(item.getValue());
            }
            json.writeEndObject();
        });
    }

    /** Whether the maximum lifetime came no later than the idle expiry, and so ended the session. */
    private static boolean endedByMaxLifetime(Session session) {
        Instant absolute = session.absoluteExpiresAt();
        return absolute != null && !absolute.isAfter(session.idleExpiresAt());
    }

    /** An instant as events write it: RFC 3339, UTC, milliseconds. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static void properties(JsonGenerator json, SessionProperties properties) throws IOException {
        json.writeObjectFieldStart("properties");
        json.writeStringField("commandParm", properties.commandParm());
        nullableNumber(json, "lcid", properties.lcid());
        nullableNumber(json, "codePage", properties.codePage());
        json.writeBooleanField("cookieless", properties.cookieless());
        json.writeEndObject();
    }

    private static void nullableNumber(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private static String write(Members members) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            members.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the members of one object. */
    private interface Members {
        void write(JsonGenerator json) throws IOException;
    }
}
