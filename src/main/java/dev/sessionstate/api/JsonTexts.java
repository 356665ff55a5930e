package dev.sessionstate.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;

/** Builds JSON answers around stored JSON texts, which are embedded as they are, never re-encoded. */
final class JsonTexts {

    private JsonTexts() {}

    /** A JSON object of the given members, in their order. */
    static String object(Map<String, String> members) {
        StringBuilder out = new StringBuilder(64).append('{');
        for (Map.Entry<String, String> e : members.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, e.getKey()).append(':').append(e.getValue());
        }
        return out.append('}').toString();
    }

    /** {@code {"key":<key>,"value":<json>}} */
    static String entry(String key, String json) {
        return quote(new StringBuilder("{\"key\":"), key)
                .append(",\"value\":")
                .append(json)
                .append('}')
                .toString();
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        return out.append('"');
    }
}
