package dev.sessionstate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemsTest {

    @Test
    void replacedKeyKeepsItsPositionAndNewKeyGoesLast() {
        Items items = Items.EMPTY.with("b", "1").with("a", "2").with("b", "3").with("c", "4");
        assertEquals(List.of("b", "a", "c"), items.keys());
        assertEquals("3", items.get("b"));
        assertEquals("a", items.keyAt(1));
        assertNull(items.keyAt(3));
        assertNull(items.keyAt(-1));
    }

    @Test
    void builtItemsKeepTheOrderOfFirstPutAndCountTheirBytes() {
        Items items =
                Items.builder().put("b", "1").put("a", "\"é\"").put("b", "22").build();
        assertEquals(List.of("b", "a"), items.keys());
        assertEquals("22", items.get("b"));
        assertEquals(utf8("b") + utf8("22") + utf8("a") + utf8("\"é\""), items.bytes());
        assertSame(Items.EMPTY, Items.builder().build());
    }

    @Test
    void changesLeaveTheOriginalUntouched() {
        Items one = Items.EMPTY.with("a", "1");
        one.with("b", "2");
        one.without("a");
        assertEquals(List.of("a"), one.keys());
        assertSame(one, one.without("absent"));
    }

    @Test
    void bytesCountUtf8OfKeysAndValuesThroughEveryChange() {
        Items items = Items.EMPTY.with("ключ", "\"😀\"").with("k", "[1,2]");
        assertEquals(utf8("ключ") + utf8("\"😀\"") + utf8("k") + utf8("[1,2]"), items.bytes());
        items = items.with("k", "1");
        assertEquals(utf8("ключ") + utf8("\"😀\"") + utf8("k") + utf8("1"), items.bytes());
        assertEquals(utf8("k") + utf8("1"), items.without("ключ").bytes());
    }

    @Test
    void utf8LengthMatchesTheEncoderForEveryPlane() {
        for (String s : new String[] {"", "ascii", "é", "€", "😀", "a😀b€é", "\ud800", "\udc00x"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Items.utf8Length(s), s);
        }
    }

    @Test
    void manyItemsAreFoundThroughTheirIndexAndKeepTheirOrder() {
        int n = 3 * Items.MOST_UNINDEXED;
        Items items = Items.EMPTY;
        for (int i = 0; i < n; i++) {
            items = items.with("k" + i, Integer.toString(i));
        }
        assertEquals(n, items.size());
        assertEquals("k17", items.keyAt(17));
        assertEquals("17", items.get("k17"));
        assertNull(items.get("k" + n));
        items = items.with("k3", "\"three\"").without("k0").with("k0", "0");
        assertEquals("k1", items.keyAt(0));
        assertEquals("k3", items.keyAt(2));
        assertEquals("\"three\"", items.get("k3"));
        assertEquals("k0", items.keyAt(n - 1));
        assertEquals(false, items.without("k5").contains("k5"));
        assertEquals(true, items.contains("k5"));
    }

    /** Random puts and removals, across the size where items start to be indexed, against a LinkedHashMap. */
    @Test
    void everyChangeAgreesWithAnOrderedMap() {
        Random random = new Random(15);
        Map<String, String> model = new LinkedHashMap<>();
        Items items = Items.EMPTY;
        for (int step = 0; step < 2_000; step++) {
            String key = "key-" + random.nextInt(3 * Items.MOST_UNINDEXED);
            if (random.nextInt(3) == 0) {
                model.remove(key);
                items = items.without(key);
            } else {
                String json = "[" + step + ",\"é\"]";
                model.put(key, json);
                items = items.with(key, json);
            }
            assertEquals(new ArrayList<>(model.keySet()), items.keys(), "step " + step);
            assertEquals(model, items.asMap(), "step " + step);
            assertEquals(model.get(key), items.get(key), "step " + step);
            assertEquals(bytesOf(model), items.bytes(), "step " + step);
        }
        assertEquals(model, Items.of(model).asMap());
    }

    @Test
    void aBuilderOfManyKeysKeepsTheFirstPositionAndTheLastValue() {
        Items.Builder builder = Items.builder();
        for (int i = 0; i < 2 * Items.MOST_UNINDEXED; i++) {
            builder.put("k" + i, "1");
        }
        Items items = builder.put("k1", "2").put("k30", "3").build();
        assertEquals("k1", items.keyAt(1));
        assertEquals("2", items.get("k1"));
        assertEquals(2 * Items.MOST_UNINDEXED, items.size());
        assertEquals(List.of("1", "2", "1"), List.of(items.get("k0"), items.get("k1"), items.get("k2")));
    }

    @Test
    void valuesReadBackAsTheExactTextAndItsUtf8Bytes() {
        String json = "{\"b\":1.10,\"a\":\"ü😀\\u00e9\"}";
        Items items = Items.of(Map.of("k", json));
        assertEquals(json, items.get("k"));
        byte[] bytes = items.utf8("k");
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), bytes);
        bytes[0] = 'x';
        assertEquals(json, items.get("k"));
        assertNull(items.utf8("absent"));
    }

    @Test
    void theMapViewIsReadOnly() {
        Map<String, String> map = Items.EMPTY.with("a", "1").asMap();
        assertEquals("1", map.get("a"));
        assertEquals(true, map.containsKey("a"));
        assertThrows(UnsupportedOperationException.class, () -> map.put("b", "2"));
        assertThrows(
                UnsupportedOperationException.class,
                () -> map.entrySet().iterator().next().setValue("2"));
        assertThrows(UnsupportedOperationException.class, () -> map.keySet().remove("a"));
    }

    private static int bytesOf(Map<String, String> items) {
        return items.entrySet().stream()
                .mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue()))
                .sum();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
