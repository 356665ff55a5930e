package dev.sessionstate.events;

/**
 * One thing written to an SSE stream: an event ({@code id}, {@code name} and {@code data}; the gap
 * event has no id) or a keep-alive comment (only {@code comment}).
 */
public record StreamItem(String id, String name, String data, String comment) {

    static StreamItem event(String id, String name, String data) {
        return new StreamItem(id, name, data, null);
    }

    static StreamItem comment(String text) {
        return new StreamItem(null, null, null, text);
    }

    public boolean isComment() {
        return comment != null;
    }
}
