package dev.sessionstate.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one session: string keys mapped to JSON texts, in insertion order.
 *
 * <p>Immutable: every change returns a new instance, so a reader never sees a half-applied write
 * and a store can swap whole values atomically. Values are JSON texts exactly as the client sent
 * them, which keeps every digit of a number and the member order of an object. {@link #bytes()}
 * is the UTF-8 size of all keys and values, the measure of the per-session size limit.
 *
 * <p>Kept small, since a store holds one per session (bench/RESULTS.md, "Heap per session"): one
 * array of keys and values in insertion order, each value as its UTF-8 bytes. A key is found by
 * comparing it with each key up to {@value #MOST_UNINDEXED} items, through a {@link KeyIndex}
 * beyond.
 */
public final class Items {

    public static final Items EMPTY = new Items(new Object[0], 0);

    /** The most items whose keys are searched in order; more are indexed. */
    static final int MOST_UNINDEXED = 16;

    /**
     * Key {@code i} at {@code 2i} and the UTF-8 bytes of its JSON text at {@code 2i + 1}; with more
     * than {@link #MOST_UNINDEXED} items, one more slot at the end holds their {@link KeyIndex}.
     * Never changed after the constructor, and never handed out.
     */
    private final Object[] entries;
    /** Counted when first asked for: reads of stored sessions never need it. -1 until then. */
    private int bytes;

    private Items(Object[] entries, int bytes) {
        this.entries = entries;
        this.bytes = bytes;
    }

    /** Builds items from an ordered map of keys to JSON texts. */
    public static Items of(Map<String, String> values) {
        Object[] entries = newEntries(values.size());
        int i = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            entries[i++] = e.getKey();
            entries[i++] = encode(e.getValue());
        }
        return indexed(entries, values.size(), -1);
    }

    /** Builds items key by key, without the copy that {@link #of} makes. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects keys and JSON texts in order; a builder is used once, by one thread. */
    public static final class Builder {

        private Object[] pairs = new Object[2 * MOST_UNINDEXED];
        private int size;
        /** Positions by key, once there are more than {@link #MOST_UNINDEXED} keys. */
        private HashMap<String, Integer> positions;

        private Builder() {}

        /** Sets {@code key} to {@code json}; a key set twice keeps its first position and its last value. */
        public Builder put(String key, String json) {
            byte[] value = encode(json);
            int at = positions != null ? positions.getOrDefault(key, -1) : linearSearch(pairs, size, key);
            if (at >= 0) {
                pairs[2 * at + 1] = value;
                return this;
            }
            if (2 * size == pairs.length) {
                pairs = Arrays.copyOf(pairs, 2 * pairs.length);
            }
            pairs[2 * size] = key;
            pairs[2 * size + 1] = value;
            size++;
            if (positions != null) {
                positions.put(key, size - 1);
            } else if (size > MOST_UNINDEXED) {
                positions = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    positions.put((String) pairs[2 * i], i);
                }
            }
            return this;
        }

        public Items build() {
            Items items = size == 0 ? EMPTY : indexed(Arrays.copyOf(pairs, length(size)), size, -1);
            pairs = null; // the instance is immutable from here on
            return items;
        }
    }

    /** The JSON text stored under {@code key}, or null when there is none. */
    public String get(String key) {
        int at = indexOf(key);
        return at < 0 ? null : new String(value(at), StandardCharsets.UTF_8);
    }

    /**
     * The JSON text stored under {@code key} as its UTF-8 bytes (a copy), or null when there is
     * none: for answers that write the text as it is, without decoding it and encoding it again.
     */
    public byte[] utf8(String key) {
        int at = indexOf(key);
        return at < 0 ? null : value(at).clone();
    }

    public boolean contains(String key) {
        return indexOf(key) >= 0;
    }

    public int size() {
        return entries.length >>> 1;
    }

    /** UTF-8 bytes of all keys and values. */
    public int bytes() {
        if (bytes < 0) {
            int count = 0;
            for (int i = 0, n = size(); i < n; i++) {
                count += utf8Length(keyOf(i)) + value(i).length;
            }
            bytes = count; // a benign race: every thread counts the same number
        }
        return bytes;
    }

    /** Keys in insertion order (a copy). */
    public List<String> keys() {
        int n = size();
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(keyOf(i));
        }
        return keys;
    }

    /** A read-only view of the entries in insertion order; each value is decoded when read. */
    public Map<String, String> asMap() {
        return new ItemsView(this);
    }

    /** The key at {@code index} in insertion order, or null when out of range. */
    public String keyAt(int index) {
        return index < 0 || index >= size() ? null : keyOf(index);
    }

    /**
     * Items with {@code key} set to {@code json}. A replaced key keeps its position; a new key
     * goes last.
     */
    public Items with(String key, String json) {
        byte[] value = encode(json);
        int at = indexOf(key);
        if (at >= 0) {
            // The same keys at the same positions: the copy shares the index in its last slot.
            Object[] copy = entries.clone();
            copy[2 * at + 1] = value;
            return new Items(copy, bytes() + value.length - value(at).length);
        }
        int n = size();
        Object[] copy = newEntries(n + 1);
        System.arraycopy(entries, 0, copy, 0, 2 * n);
        copy[2 * n] = key;
        copy[2 * n + 1] = value;
        return indexed(copy, n + 1, bytes() + utf8Length(key) + value.length);
    }

    /** Items without {@code key}; this instance when the key is absent. */
    public Items without(String key) {
        int at = indexOf(key);
        if (at < 0) {
            return this;
        }
        int n = size();
        Object[] copy = newEntries(n - 1);
        System.arraycopy(entries, 0, copy, 0, 2 * at);
        System.arraycopy(entries, 2 * at + 2, copy, 2 * at, 2 * (n - at - 1));
        return indexed(copy, n - 1, bytes() - utf8Length(key) - value(at).length);
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

    /** The key and JSON text at {@code index}, which is in range. */
    Map.Entry<String, String> entryAt(int index) {
        return Map.entry(keyOf(index), new String(value(index), StandardCharsets.UTF_8));
    }

    private String keyOf(int i) {
        return (String) entries[2 * i];
    }

    private byte[] value(int i) {
        return (byte[]) entries[2 * i + 1];
    }

    private int indexOf(String key) {
        int n = size();
        return n > MOST_UNINDEXED ? ((KeyIndex) entries[2 * n]).find(entries, key) : linearSearch(entries, n, key);
    }

    private static int linearSearch(Object[] pairs, int size, String key) {
        for (int i = 0; i < size; i++) {
            if (key.equals(pairs[2 * i])) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] encode(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The length of the entries of {@code size} items: their keys and values, and the index when they need one. */
    private static int length(int size) {
        return 2 * size + (size > MOST_UNINDEXED ? 1 : 0);
    }

    private static Object[] newEntries(int size) {
        return new Object[length(size)];
    }

    /** Items of {@code entries}, whose last slot gets the index of their keys when they need one. */
    private static Items indexed(Object[] entries, int size, int bytes) {
        if (size > MOST_UNINDEXED) {
            entries[2 * size] = KeyIndex.of(entries, size);
        }
        return new Items(entries, bytes);
    }
}
