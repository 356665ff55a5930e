package dev.sessionstate.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * Reads request bodies as JSON texts without re-encoding them, so values keep every digit,
 * character and member order exactly as sent. Checks well-formedness (one UTF-8 JSON value, no
 * duplicate members, nothing after it) and the nesting limit.
 */
public final class JsonBodies {

    private final JsonFactory factory;
    private final int maxDepth;

    public JsonBodies(int maxDepth) {
        this.maxDepth = maxDepth;
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Numbers are only scanned, never converted, so length is no risk; the body size limit bounds it.
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(Integer.MAX_VALUE)
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }

    /** The body as one JSON value, trimmed of surrounding white space. */
    public String value(byte[] body) {
        long plain = PlainJson.bounds(body, maxDepth);
        if (plain >= 0) {
            int start = (int) (plain >>> 32);
            // Plain values are ASCII, which ISO 8859-1 copies byte for byte.
            return new String(body, start, (int) plain - start, StandardCharsets.ISO_8859_1);
        }
        return parsedValue(body);
    }

    /** {@link #value} as Jackson's parser reads it, for every body that is not a {@link PlainJson} value. */
    String parsedValue(byte[] body) {
        String text = utf8(body);
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() == null) {
                throw malformed("The body is empty; send a JSON value.");
            }
            parser.skipChildren();
            end(parser);
        } catch (IOException e) {
            throw translate(e);
        }
        return text.strip();
    }

    /**
     * The body as a JSON object: its member names mapped to their values' JSON texts, in order.
     */
    public LinkedHashMap<String, String> object(byte[] body) {
        utf8(body);
        LinkedHashMap<String, String> members = new LinkedHashMap<>();
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("The body must be a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken();
                long end = parser.currentLocation().getByteOffset();
                members.put(name, new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8));
            }
            end(parser);
        } catch (IOException e) {
            throw translate(e);
        }
        return members;
    }

    /** The string that a JSON string text stands for, or null for JSON null. */
    public String string(String field, String jsonText) {
        if (jsonText.equals("null")) {
            return null;
        }
        try (JsonParser parser = factory.createParser(jsonText)) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new ProblemException(ProblemType.INVALID_FIELD, field + " must be a string or null.");
            }
            return parser.getText();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * The body as text, refused unless it is UTF-8 without a byte order mark (RFC 8259, 8.1): a
     * decoder would put U+FFFD in place of bad bytes, and a parser would skip the mark that the
     * stored text would keep.
     */
    private static String utf8(byte[] body) {
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            throw malformed("The body starts with a byte order mark; send JSON text without one.");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        // The replacement character stands for bad bytes, or for itself when sent as its UTF-8 bytes.
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body));
            } catch (CharacterCodingException e) {
                throw malformed("The body is not valid UTF-8.");
            }
        }
        return text;
    }

    private static void end(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw malformed("Unexpected content after the JSON value.");
        }
    }

    private RuntimeException translate(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new ProblemException(
                    ProblemType.NESTING_TOO_DEEP,
                    "The body nests arrays and objects deeper than " + maxDepth + " levels.");
        }
        String reason = e instanceof JsonParseException parse ? parse.getOriginalMessage() : "unreadable input";
        return malformed("The body is not valid JSON: " + reason);
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(ProblemType.MALFORMED_JSON, detail);
    }
}
