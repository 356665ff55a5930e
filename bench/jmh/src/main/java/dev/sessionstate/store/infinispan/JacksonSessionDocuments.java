package dev.sessionstate.store.infinispan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The candidate that {@link SessionDocumentsBenchmark} measures against the service's codec:
 * {@link SessionDocuments}' format read and written with jackson-core's streaming API, one
 * {@link JsonFactory} for the instance's life, item values sliced by the parser's char offsets (as
 * {@code api/JsonBodies} does). With {@code jdkInstants}, timestamps go through
 * {@link Instant#toString()} and {@link Instant#parse}; without, through the service's own
 * instant codec. It was measured slower and not adopted (bench/RESULTS.md); it stays here so the
 * comparison can be run again, on a new JDK or jackson-core.
 */
final class JacksonSessionDocuments {

    private final JsonFactory factory = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // The service wrote these documents under its limits of the time; never refuse one of them later.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();
    private final boolean jdkInstants;

    JacksonSessionDocuments(boolean jdkInstants) {
        this.jdkInstants = jdkInstants;
    }

    String write(Session session) {
        StringWriter out = new StringWriter(256 + charsOfItems(session.items()));
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", session.id());
            json.writeStringField("createdAt", text(session.createdAt()));
            json.writeStringField("lastAccessedAt", text(session.lastAccessedAt()));
            json.writeNumberField("timeoutSeconds", session.timeoutSeconds());
            json.writeBooleanField("readOnly", session.readOnly());
            json.writeNumberField("version", session.version());
            SessionProperties properties = session.properties();
            json.writeObjectFieldStart("properties");
            json.writeStringField("commandParm", properties.commandParm());
            writeInteger(json, "lcid", properties.lcid());
            writeInteger(json, "codePage", properties.codePage());
            json.writeEndObject();
            json.writeObjectFieldStart("items");
            for (var item : session.items().asMap().entrySet()) {
                json.writeFieldName(item.getKey());
                json.writeRawValue(item.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    Session read(String document) {
        try (JsonParser json = factory.createParser(document)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            String id = null;
            Instant createdAt = null;
            Instant lastAccessedAt = null;
            long timeoutSeconds = 0;
            boolean readOnly = false;
            long version = 0;
            SessionProperties properties = SessionProperties.NONE;
            Items items = Items.EMPTY;
            for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
                JsonToken value = json.nextToken();
                switch (name) {
                    case "id" -> id = string(json, value);
                    case "createdAt" -> createdAt = instant(string(json, value));
                    case "lastAccessedAt" -> lastAccessedAt = instant(string(json, value));
                    case "timeoutSeconds" -> timeoutSeconds = integer(json, value);
                    case "readOnly" -> readOnly = bool(value);
                    case "version" -> version = integer(json, value);
                    case "properties" -> properties = readProperties(json, value);
                    case "items" -> items = readItems(json, value, document);
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the document");
            }
            if (id == null || createdAt == null || lastAccessedAt == null || timeoutSeconds <= 0) {
                throw new IllegalArgumentException("a member is missing");
            }
            return new Session(
                    id,
                    createdAt,
                    lastAccessedAt,
                    Math.toIntExact(timeoutSeconds),
                    readOnly,
                    properties,
                    items,
                    version);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a session document", e);
        }
    }

    private static SessionProperties readProperties(JsonParser json, JsonToken token) throws IOException {
        expect(token, JsonToken.START_OBJECT);
        String commandParm = null;
        Integer lcid = null;
        Integer codePage = null;
        for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
            JsonToken value = json.nextToken();
            boolean isNull = value == JsonToken.VALUE_NULL;
            switch (name) {
                case "commandParm" -> commandParm = isNull ? null : string(json, value);
                case "lcid" -> lcid = isNull ? null : Math.toIntExact(integer(json, value));
                case "codePage" -> codePage = isNull ? null : Math.toIntExact(integer(json, value));
                default -> json.skipChildren();
            }
        }
        return new SessionProperties(commandParm, lcid, codePage);
    }

    /** Each value as the exact slice of the document that holds it, found by the parser's char offsets. */
    private static Items readItems(JsonParser json, JsonToken token, String document) throws IOException {
        expect(token, JsonToken.START_OBJECT);
        Items.Builder items = Items.builder();
        for (String key = json.nextFieldName(); key != null; key = json.nextFieldName()) {
            json.nextToken();
            int start = (int) json.currentTokenLocation().getCharOffset();
            json.skipChildren();
            json.finishToken(); // a string is read lazily: read it whole, checked, to find where it ends
            items.put(
                    key, document.substring(start, (int) json.currentLocation().getCharOffset()));
        }
        return items.build();
    }

    private static void writeInteger(JsonGenerator json, String name, Integer value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    private static void expect(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new IllegalArgumentException("expected " + expected + ", found " + token);
        }
    }

    private static String string(JsonParser json, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static long integer(JsonParser json, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_NUMBER_INT);
        return json.getLongValue();
    }

    private static boolean bool(JsonToken token) {
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw new IllegalArgumentException("expected true or false, found " + token);
        }
        return token == JsonToken.VALUE_TRUE;
    }

    private static int charsOfItems(Items items) {
        int chars = 0;
        for (var item : items.asMap().entrySet()) {
            chars += item.getKey().length() + item.getValue().length() + 4;
        }
        return chars;
    }

    private String text(Instant instant) {
        if (jdkInstants) {
            return instant.toString();
        }
        StringBuilder out = new StringBuilder(30);
        SessionDocuments.instant(out, instant);
        return out.toString();
    }

    private Instant instant(String text) {
        return jdkInstants ? Instant.parse(text) : SessionDocuments.instant(text);
    }
}
