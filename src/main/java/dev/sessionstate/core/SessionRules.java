package dev.sessionstate.core;

import static dev.sessionstate.core.SessionException.Kind.INVALID_FIELD;
import static dev.sessionstate.core.SessionException.Kind.INVALID_KEY;
import static dev.sessionstate.core.SessionException.Kind.SESSION_TOO_LARGE;
import static dev.sessionstate.core.SessionException.Kind.TOO_MANY_ITEMS;
import static dev.sessionstate.core.SessionException.Kind.VALUE_TOO_LARGE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits and timeout bounds that every session of an application obeys, whichever store holds
 * it, and the items each starts with. Each check throws a {@link SessionException} before anything
 * is stored.
 *
 * @param maxKeyLength     longest item key, in characters
 * @param maxValueBytes    largest item value, in UTF-8 bytes of its JSON text
 * @param maxItems         most items in one session
 * @param maxSessionBytes  largest session, in UTF-8 bytes of all keys and values
 * @param defaultTimeout   idle timeout, in seconds, of a session created without one
 * @param minTimeout       shortest idle timeout a caller may ask for, in seconds
 * @param maxTimeout       longest idle timeout a caller may ask for, in seconds
 * @param initialItems     JSON texts by key that every new session starts with, in order
 */
public record SessionRules(
        int maxKeyLength,
        int maxValueBytes,
        int maxItems,
        int maxSessionBytes,
        int defaultTimeout,
        int minTimeout,
        int maxTimeout,
        Map<String, String> initialItems) {

    public SessionRules {
        initialItems = Collections.unmodifiableMap(new LinkedHashMap<>(initialItems));
    }

    /** Rules without initial items. */
    public SessionRules(
            int maxKeyLength,
            int maxValueBytes,
            int maxItems,
            int maxSessionBytes,
            int defaultTimeout,
            int minTimeout,
            int maxTimeout) {
        this(maxKeyLength, maxValueBytes, maxItems, maxSessionBytes, defaultTimeout, minTimeout, maxTimeout, Map.of());
    }

    /** Longest commandParm, in characters. */
    public static final int MAX_COMMAND_PARM_LENGTH = 1024;

    /** Refuses an empty key, one longer than the limit, or one with control characters. */
    public void checkKey(String key) {
        if (key.isEmpty()) {
            throw new SessionException(INVALID_KEY, "An item key must not be empty.");
        }
        if (key.length() > maxKeyLength) {
            throw new SessionException(
                    INVALID_KEY,
                    "An item key may have at most " + maxKeyLength + " characters; this one has " + key.length() + ".");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new SessionException(INVALID_KEY, "An item key must not contain control characters.");
            }
        }
    }

    /** Refuses a value whose JSON text is larger than the limit. */
    public void checkValue(String key, String json) {
        int bytes = Items.utf8Length(json);
        if (bytes > maxValueBytes) {
            throw new SessionException(
                    VALUE_TOO_LARGE,
                    "The value for '" + key + "' has " + bytes + " bytes; at most " + maxValueBytes
                            + " are allowed per value.");
        }
    }

    /** Refuses items that exceed the count or size limit of a session. */
    public void checkItems(Items items) {
        if (items.size() > maxItems) {
            throw new SessionException(
                    TOO_MANY_ITEMS,
                    "A session may hold at most " + maxItems + " items; this change would make " + items.size() + ".");
        }
        if (items.bytes() > maxSessionBytes) {
            throw new SessionException(
                    SESSION_TOO_LARGE,
                    "A session may hold at most " + maxSessionBytes
                            + " bytes of keys and values; this change would make " + items.bytes() + ".");
        }
    }

    /**
     * The items of a new session: the initial items, then {@code requested} (which replace initial
     * ones of the same key), each checked, and the whole checked against the session limits.
     */
    public Items startingItems(Map<String, String> requested) {
        requested.forEach((key, json) -> {
            checkKey(key);
            checkValue(key, json);
        });
        Items items;
        if (initialItems.isEmpty()) {
            items = Items.of(requested);
        } else {
            Map<String, String> all = new LinkedHashMap<>(initialItems);
            all.putAll(requested);
            items = Items.of(all);
        }
        checkItems(items);
        return items;
    }

    /** Refuses initial items that a new session could not hold. */
    public void checkInitialItems() {
        startingItems(initialItems);
    }

    /** The timeout to use for a requested one: the default when null, else the request within bounds. */
    public int timeout(Integer requested) {
        if (requested == null) {
            return defaultTimeout;
        }
        if (requested < minTimeout || requested > maxTimeout) {
            throw new SessionException(
                    INVALID_FIELD,
                    "timeoutSeconds must be between " + minTimeout + " and " + maxTimeout + "; got " + requested + ".");
        }
        return requested;
    }

    /** Refuses session properties out of their ranges. */
    public void checkProperties(SessionProperties p) {
        if (p.commandParm() != null && p.commandParm().length() > MAX_COMMAND_PARM_LENGTH) {
            throw new SessionException(
                    INVALID_FIELD, "commandParm may have at most " + MAX_COMMAND_PARM_LENGTH + " characters.");
        }
        if (p.lcid() != null && p.lcid() < 0) {
            throw new SessionException(INVALID_FIELD, "lcid must not be negative; got " + p.lcid() + ".");
        }
        if (p.codePage() != null && (p.codePage() < 0 || p.codePage() > 65535)) {
            throw new SessionException(
                    INVALID_FIELD, "codePage must be between 0 and 65535; got " + p.codePage() + ".");
        }
    }
}
