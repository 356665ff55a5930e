package dev.sessionstate.store.infinispan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sessionstate.core.LoggedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Logged events as the JSON documents of the {@code session-events} cache:
 *
 * <pre>{@code
 * {"id":"…-7","sequence":7,"type":"dev.sessionstate.session.ended","application":"default",
 *  "subject":"<session id>","time":"…","loggedAt":"…","data":{…}}
 * }</pre>
 *
 * <p>{@code data} comes last and is read back as the exact text written: no other member can hold
 * the unescaped text {@code ,"data":}, so its first occurrence starts it.
 */
final class LogDocuments {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    private static final String DATA = ",\"data\":";

    private LogDocuments() {}

    /** An event and when it was appended, which its retention counts from. */
    record Entry(LoggedEvent event, Instant loggedAt) {}

    static String write(LoggedEvent event, Instant loggedAt) {
        StringBuilder out = new StringBuilder(192 + event.data().length());
        out.append("{\"id\":");
        string(out, event.id());
        out.append(",\"sequence\":").append(event.sequence()).append(",\"type\":");
        string(out, event.type());
        out.append(",\"application\":");
        string(out, event.application());
        out.append(",\"subject\":");
        string(out, event.subject());
        out.append(",\"time\":");
        string(out, event.time().toString());
        out.append(",\"loggedAt\":");
        string(out, loggedAt.toString());
        return out.append(DATA).append(event.data()).append('}').toString();
    }

    static Entry read(String document) {
        int data = document.indexOf(DATA);
        String head = document.substring(0, data) + "}";
        String id = null;
        String type = null;
        String application = null;
        String subject = null;
        Instant time = null;
        Instant loggedAt = null;
        long sequence = 0;
        try (JsonParser json = JSON.createParser(head)) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "id" -> id = json.getText();
                    case "sequence" -> sequence = json.getLongValue();
                    case "type" -> type = json.getText();
                    case "application" -> application = json.getText();
                    case "subject" -> subject = json.getText();
                    case "time" -> time = Instant.parse(json.getText());
                    case "loggedAt" -> loggedAt = Instant.parse(json.getText());
                    default -> json.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = document.substring(data + DATA.length(), document.length() - 1);
        return new Entry(new LoggedEvent(id, sequence, type, application, subject, time, body), loggedAt);
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        QUOTE.quoteAsString(value, out);
        out.append('"');
    }
}
