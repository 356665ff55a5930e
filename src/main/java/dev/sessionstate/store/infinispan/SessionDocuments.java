package dev.sessionstate.store.infinispan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;

/**
 * Sessions as the JSON documents kept in Infinispan, readable by anything that speaks JSON
 * (Infinispan's REST API and console among them):
 *
 * <pre>{@code
 * {"id":"…","createdAt":"2026-11-22T06:00:00.123Z","lastAccessedAt":"…","timeoutSeconds":1200,
 *  "readOnly":false,"version":3,"properties":{"commandParm":null,"lcid":1033,"codePage":null},
 *  "items":{"cart":{"lines":2},"visits":7}}
 * }</pre>
 *
 * <p>Item values are embedded as the exact JSON texts that clients sent and read back as exact
 * slices of the document, so no digit, escape or member order changes on the way through.
 * {@code items} keeps insertion order. Unknown members are ignored when reading, so a newer
 * service may add members without breaking an older one during a rolling update.
 */
final class SessionDocuments {

    private final JsonFactory factory = JsonFactory.builder()
            // Documents were written by this class within the configured limits; only the defaults'
            // length caps could refuse what the API accepted.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    String write(Session session) {
        try (SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
             JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", session.id());
            json.writeStringField("createdAt", session.createdAt().toString());
            json.writeStringField("lastAccessedAt", session.lastAccessedAt().toString());
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
            json.flush();
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session in {@code document}; fails with an {@link IllegalArgumentException} when it is not one. */
    Session read(String document) {
        try (JsonParser json = factory.createParser(document)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            String id = null;
            Instant createdAt = null;
            Instant lastAccessedAt = null;
            int timeoutSeconds = 0;
            boolean readOnly = false;
            long version = 0;
            SessionProperties properties = SessionProperties.NONE;
            Items items = Items.EMPTY;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "id" -> id = json.getText();
                    case "createdAt" -> createdAt = instant(json.getText());
                    case "lastAccessedAt" -> lastAccessedAt = instant(json.getText());
                    case "timeoutSeconds" -> timeoutSeconds = json.getIntValue();
                    case "readOnly" -> readOnly = json.getBooleanValue();
                    case "version" -> version = json.getLongValue();
                    case "properties" -> properties = readProperties(json);
                    case "items" -> items = readItems(json, document);
                    default -> json.skipChildren();
                }
            }
            if (id == null || createdAt == null || lastAccessedAt == null || timeoutSeconds <= 0) {
                throw new IllegalArgumentException("not a session document");
            }
            return new Session(id, createdAt, lastAccessedAt, timeoutSeconds, readOnly, properties, items, version);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a session document", e);
        }
    }

    private static SessionProperties readProperties(JsonParser json) throws IOException {
        expect(json.currentToken(), JsonToken.START_OBJECT);
        String commandParm = null;
        Integer lcid = null;
        Integer codePage = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            boolean isNull = json.nextToken() == JsonToken.VALUE_NULL;
            switch (name) {
                case "commandParm" -> commandParm = isNull ? null : json.getText();
                case "lcid" -> lcid = isNull ? null : json.getIntValue();
                case "codePage" -> codePage = isNull ? null : json.getIntValue();
                default -> json.skipChildren();
            }
        }
        return new SessionProperties(commandParm, lcid, codePage);
    }

    /** Each value as the exact slice of the document that holds it. */
    private static Items readItems(JsonParser json, String document) throws IOException {
        expect(json.currentToken(), JsonToken.START_OBJECT);
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            json.nextToken();
            int start = (int) json.currentTokenLocation().getCharOffset();
            json.skipChildren();
            json.finishToken();
            int end = (int) json.currentLocation().getCharOffset();
            values.put(key, document.substring(start, end));
        }
        return Items.of(values);
    }

    /**
     * Reads an instant as {@link Instant#toString()} writes it in UTC ({@code 2026-11-22T06:00:00.123Z},
     * with 0 to 9 digits of fraction), without the general parser, which took a tenth of the
     * time of a whole store operation; anything else goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z') {
            return Instant.parse(text);
        }
        int nanos = 0;
        if (n > 20) {
            if (text.charAt(19) != '.') {
                return Instant.parse(text);
            }
            int digits = n - 21;
            nanos = digits(text, 20, n - 1);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            return Instant.parse(text);
        }
        long days = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a timestamp: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void writeInteger(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + " but found " + actual);
        }
    }
}
