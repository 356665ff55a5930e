package dev.sessionstate.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one session: string keys mapped to JSON texts, in insertion order.
 *
 * <p>Immutable: every change returns a new instance, so a reader never sees a half-applied write
 * and a store can swap whole values atomically. Values are JSON texts exactly as the client sent
 * them, which keeps every digit of a number and the member order of an object. {@link #bytes()}
 * is the UTF-8 size of all keys and values, the measure of the per-session size limit.
 */
public final class Items {

    public static final Items EMPTY = new Items(new LinkedHashMap<>(0), 0);

    private final LinkedHashMap<String, String> values;
    /** Counted when first asked for: reads of stored sessions never need it. -1 until then. */
    private int bytes;

    private Items(LinkedHashMap<String, String> values, int bytes) {
        this.values = values;
        this.bytes = bytes;
    }

    /** Builds items from an ordered map of keys to JSON texts. */
    public static Items of(Map<String, String> values) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>((int) (values.size() / 0.75f) + 1);
        copy.putAll(values);
        return new Items(copy, -1);
    }

    /** Builds items key by key, without the copy that {@link #of} makes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects keys and JSON texts in order; a builder is used once, by one thread. */
    public static final class Builder {

        private LinkedHashMap<String, String> values = new LinkedHashMap<>();

        private Builder() {}

        /** Sets {@code key} to {@code json}; a key set twice keeps its first position and its last value. */
        public Builder put(String key, String json) {
            values.put(key, json);
            return this;
        }

        public Items build() {
            Items items = values.isEmpty() ? EMPTY : new Items(values, -1);
            values = null; // the instance is immutable from here on
            return items;
        }
    }

    /** The JSON text stored under {@code key}, or null when there is none. */
    public String get(String key) {
        return values.get(key);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public int size() {
        return values.size();
    }

    /** UTF-8 bytes of all keys and values. */
    public int bytes() {
        if (bytes < 0) {
            int count = 0;
            for (Map.Entry<String, String> e : values.entrySet()) {
                count += utf8Length(e.getKey()) + utf8Length(e.getValue());
            }
            bytes = count; // a benign race: every thread counts the same number
        }
        return bytes;
    }

    /** Keys in insertion order (a copy). */
    public List<String> keys() {
        return new ArrayList<>(values.keySet());
    }

    /** A read-only view of the entries in insertion order. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The key at {@code index} in insertion order, or null when out of range. */
    public String keyAt(int index) {
        if (index < 0 || index >= values.size()) {
            return null;
        }
        int i = 0;
        for (String key : values.keySet()) {
            if (i++ == index) {
                return key;
            }
        }
        return null;
    }

    /**
     * Items with {@code key} set to {@code json}. A replaced key keeps its position; a new key
     * goes last.
     */
    public Items with(String key, String json) {
        LinkedHashMap<String, String> copy = copy(values.size() + 1);
        String old = copy.put(key, json);
        int delta = old == null ? utf8Length(key) + utf8Length(json) : utf8Length(json) - utf8Length(old);
        return new Items(copy, bytes() + delta);
    }

    /** Items without {@code key}; this instance when the key is absent. */
    public Items without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        LinkedHashMap<String, String> copy = copy(values.size());
        String old = copy.remove(key);
        return new Items(copy, bytes() - utf8Length(key) - utf8Length(old));
    }

    private LinkedHashMap<String, String> copy(int expectedSize) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>((int) (expectedSize / 0.75f) + 1);
        copy.putAll(values);
        return copy;
    }

    /** UTF-8 length of {@code s} without encoding it. */
    public static int utf8Length(String s) {
        int length = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1; // an unpaired surrogate encodes as '?', as String.getBytes does
            } else {
                length += 3;
            }
        }
        return length;
    }
}
