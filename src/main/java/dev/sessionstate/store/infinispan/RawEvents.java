package dev.sessionstate.store.infinispan;

import java.nio.charset.StandardCharsets;

/**
 * The key and value in the event data of Infinispan's {@code ___eager-key-value-version-converter}
 * (a converter every Hot Rod server has): {@code [vint length][key][vint length][value][8-byte
 * version]}, the value missing when the event has none. Key and value come in the listener
 * cache's data format: UTF-8 text here.
 */
record RawEvents(String key, String value) {

    /** The converter's name, as {@code @ClientListener(converterFactoryName)} takes it. */
    static final String CONVERTER = "___eager-key-value-version-converter";

    static RawEvents decode(byte[] data) {
        int[] at = {0};
        String key = element(data, at);
        String value = at[0] < data.length ? element(data, at) : null;
        return new RawEvents(key, value);
    }

    private static String element(byte[] data, int[] at) {
        int length = 0;
        int shift = 0;
        byte b;
        do {
            b = data[at[0]++];
            length |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        String text = new String(data, at[0], length, StandardCharsets.UTF_8);
        at[0] += length;
        return text;
    }
}
