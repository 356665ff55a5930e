package dev.sessionstate.core;

/**
 * A hash index of the keys of a large {@link Items}: open addressing with linear probing over a
 * table at most half full, each slot holding a key's position plus one (0 for an empty slot).
 * Immutable once built; the keys stay in the items' array, at the even positions.
 */
final class KeyIndex {

    private final int[] slots;

    private KeyIndex(int[] slots) {
        this.slots = slots;
    }

    /** Indexes the first {@code size} keys of {@code entries} (key {@code i} at {@code 2i}), which are distinct. */
    static KeyIndex of(Object[] entries, int size) {
        int[] slots = new int[Integer.highestOneBit(Math.max(size, 2) * 2 - 1) * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = spread(entries[2 * i].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
        return new KeyIndex(slots);
    }

    /** The position of {@code key} among the keys of {@code entries}, or -1. */
    int find(Object[] entries, String key) {
        int mask = slots.length - 1;
        for (int slot = spread(key.hashCode()) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int position = slots[slot] - 1;
            if (key.equals(entries[2 * position])) {
                return position;
            }
        }
        return -1;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
