package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.Items;
import dev.sessionstate.core.Lease;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionProperties;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Sessions as the JSON documents kept in Infinispan, readable by anything that speaks JSON
 * (Infinispan's REST API and console among them):
 *
 * <pre>{@code
 * {"id":"…","application":"shop","createdAt":"2026-11-22T06:00:00.123Z","lastAccessedAt":"…",
 *  "timeoutSeconds":1200,"readOnly":false,"version":3,
 *  "properties":{"commandParm":null,"lcid":1033,"codePage":null},"items":{"cart":{"lines":2},"visits":7}}
 * }</pre>
 *
 * <p>An owned session also has {@code "owner":"…"} after {@code application}, a session with a
 * maximum lifetime {@code "maxLifetimeSeconds":n} after {@code timeoutSeconds}, and a cookieless
 * one {@code "cookieless":true} in its properties. Documents without {@code application} (written
 * before applications existed) belong to the default application.
 *
 * <p>A session that was ever leased also has {@code "fence":n} (the id of its last lease), and
 * while it has a lease {@code "lock":{"id":n,"acquiredAt":"…","expiresAt":"…"}}, after
 * {@code version}. Documents without them (never leased, or written before leases existed) read
 * as never leased.
 *
 * <p>Item values are embedded as the exact JSON texts that clients sent and read back as exact
 * slices of the document, so no digit, escape or member order changes on the way through.
 * {@code items} keeps insertion order. Unknown members are ignored when reading, so a newer
 * service may add members without breaking an older one during a rolling update.
 */
final class SessionDocuments {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /**
     * The epoch days of 0000-01-01 and 9999-12-31, the years that {@link Instant#toString()} writes with four digits.
     */
    private static final long MIN_FAST_DAY = LocalDate.of(0, 1, 1).toEpochDay();

    private static final long MAX_FAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    /** The document of {@code session}. */
    String write(Session session) {
        StringBuilder out = new StringBuilder(256 + charsOfItems(session.items()));
        out.append("{\"id\":");
        string(out, session.id());
        out.append(",\"application\":");
        string(out, session.application());
        if (session.owner() != null) {
            out.append(",\"owner\":");
            string(out, session.owner());
        }
        out.append(",\"createdAt\":\"");
        instant(out, session.createdAt());
        out.append("\",\"lastAccessedAt\":\"");
        instant(out, session.lastAccessedAt());
        out.append("\",\"timeoutSeconds\":").append(session.timeoutSeconds());
        if (session.maxLifetimeSeconds() > 0) {
            out.append(",\"maxLifetimeSeconds\":").append(session.maxLifetimeSeconds());
        }
        out.append(",\"readOnly\":")
                .append(session.readOnly())
                .append(",\"version\":")
                .append(session.version());
        writeLease(out, session);
        SessionProperties properties = session.properties();
        out.append(",\"properties\":{\"commandParm\":");
        string(out, properties.commandParm());
        out.append(",\"lcid\":")
                .append(properties.lcid())
                .append(",\"codePage\":")
                .append(properties.codePage());
        if (properties.cookieless()) {
            out.append(",\"cookieless\":true");
        }
        out.append("},\"items\":{");
        boolean first = true;
        for (var item : session.items().asMap().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, item.getKey());
            out.append(':').append(item.getValue());
        }
        return out.append("}}").toString();
    }

    /** The session in {@code document}; fails with an {@link IllegalArgumentException} when it is not one. */
    Session read(String document) {
        try {
            JsonCursor json = new JsonCursor(document);
            String id = null;
            String application = Session.DEFAULT_APPLICATION;
            String owner = null;
            long maxLifetimeSeconds = 0;
            Instant createdAt = null;
            Instant lastAccessedAt = null;
            long timeoutSeconds = 0;
            boolean readOnly = false;
            long version = 0;
            long fence = 0;
            Lease lease = null;
            SessionProperties properties = SessionProperties.NONE;
            Items items = Items.EMPTY;
            for (String name = json.firstMember(); name != null; name = json.nextMember()) {
                switch (name) {
                    case "id" -> id = json.string();
                    case "application" -> application = json.string();
                    case "owner" -> owner = json.consumeNull() ? null : json.string();
                    case "maxLifetimeSeconds" -> maxLifetimeSeconds = json.integer();
                    case "createdAt" -> createdAt = instant(json.string());
                    case "lastAccessedAt" -> lastAccessedAt = instant(json.string());
                    case "timeoutSeconds" -> timeoutSeconds = json.integer();
                    case "readOnly" -> readOnly = json.bool();
                    case "version" -> version = json.integer();
                    case "fence" -> fence = json.integer();
                    case "lock" -> lease = json.consumeNull() ? null : readLease(json);
                    case "properties" -> properties = readProperties(json);
                    case "items" -> items = readItems(json, document);
                    default -> json.skipValue();
                }
            }
            json.end();
            if (id == null || createdAt == null || lastAccessedAt == null || timeoutSeconds <= 0) {
                throw new IllegalArgumentException("a member is missing");
            }
            if (application == null || maxLifetimeSeconds < 0) {
                throw new IllegalArgumentException("a member is out of range");
            }
            return new Session(
                    id,
                    application,
                    owner,
                    createdAt.toEpochMilli(),
                    lastAccessedAt.toEpochMilli(),
                    Math.toIntExact(timeoutSeconds),
                    Math.toIntExact(maxLifetimeSeconds),
                    readOnly,
                    properties,
                    items,
                    version,
                    lease,
                    lease == null ? fence : Math.max(fence, lease.id()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a session document", e);
        }
    }

    private static void writeLease(StringBuilder out, Session session) {
        if (session.fence() > 0) {
            out.append(",\"fence\":").append(session.fence());
        }
        Lease lease = session.lease();
        if (lease != null) {
            out.append(",\"lock\":{\"id\":").append(lease.id()).append(",\"acquiredAt\":\"");
            instant(out, lease.acquiredAt());
            out.append("\",\"expiresAt\":\"");
            instant(out, lease.expiresAt());
            out.append("\"}");
        }
    }

    private static Lease readLease(JsonCursor json) {
        long id = 0;
        Instant acquiredAt = null;
        Instant expiresAt = null;
        for (String name = json.firstMember(); name != null; name = json.nextMember()) {
            switch (name) {
                case "id" -> id = json.integer();
                case "acquiredAt" -> acquiredAt = instant(json.string());
                case "expiresAt" -> expiresAt = instant(json.string());
                default -> json.skipValue();
            }
        }
        if (id <= 0 || acquiredAt == null || expiresAt == null) {
            throw new IllegalArgumentException("a lock member is missing");
        }
        return new Lease(id, acquiredAt, expiresAt);
    }

    private static SessionProperties readProperties(JsonCursor json) {
        String commandParm = null;
        Integer lcid = null;
        Integer codePage = null;
        boolean cookieless = false;
        for (String name = json.firstMember(); name != null; name = json.nextMember()) {
            boolean isNull = json.consumeNull();
            switch (name) {
                case "commandParm" -> commandParm = isNull ? null : json.string();
                case "lcid" -> lcid = isNull ? null : Math.toIntExact(json.integer());
                case "codePage" -> codePage = isNull ? null : Math.toIntExact(json.integer());
                case "cookieless" -> cookieless = !isNull && json.bool();
                default -> {
                    if (!isNull) {
                        json.skipValue();
                    }
                }
            }
        }
        return SessionProperties.of(commandParm, lcid, codePage, cookieless);
    }

    /** Each value as the exact slice of the document that holds it. */
    private static Items readItems(JsonCursor json, String document) {
        Items.Builder items = Items.builder();
        for (String key = json.firstMember(); key != null; key = json.nextMember()) {
            int start = json.position();
            items.put(key, document.substring(start, json.skipValue()));
        }
        return items.build();
    }

    /** Room for the items: a text has no more characters than UTF-8 bytes; each item adds quotes, a colon, a comma. */
    private static int charsOfItems(Items items) {
        return items.bytes() + 4 * items.size();
    }

    /** {@code value} as a JSON string, or null. */
    private static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * Writes {@code instant} exactly as {@link Instant#toString()} does (fractions in groups of
     * three digits), without the general formatter for the years 0 to 9999.
     */
    static void instant(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        LocalDate date = days >= MIN_FAST_DAY && days <= MAX_FAST_DAY ? LocalDate.ofEpochDay(days) : null;
        if (date == null) {
            out.append(instant);
            return;
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        pad(out, date.getYear(), 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3_600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(out, nanos / 1_000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    /**
     * Reads an instant as {@link Instant#toString()} writes it in UTC ({@code 2026-11-22T06:00:00.123Z},
     * with 0 to 9 digits of fraction), without the general parser, which took a tenth of the
     * time of a whole store operation (600 to 700 ns a timestamp in a JMH run: a document's two
     * cost as much as all the rest of reading a small one); anything else goes to
     * {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        if (n < 20
                || n > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(n - 1) != 'Z') {
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
        long days = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10))
                .toEpochDay();
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
}
