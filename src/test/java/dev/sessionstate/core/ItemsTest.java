package dev.sessionstate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
