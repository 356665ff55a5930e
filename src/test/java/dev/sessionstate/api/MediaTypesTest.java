package dev.sessionstate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The media-type headers read on every request. A list without parameters is scanned in place; it
 * must answer as the same list with {@code q=1} on every range, which takes the general parser.
 */
class MediaTypesTest {

    private static final List<String> LISTS = List.of(
            "application/json, text/plain, */*",
            "text/plain, */*",
            "text/html,application/*",
            " APPLICATION/JSON ",
            "text/plain, text/html",
            "application/jsonx, application/json+x",
            "application/xml,,text/*",
            "",
            ",",
            "*/ *, application /json",
            "Application/Json,\ttext/plain");

    @Test
    void acceptWithoutParametersAnswersAsWithWeightOne() {
        for (String list : LISTS) {
            String weighted = Arrays.stream(list.split(",", -1))
                    .map(range -> range + ";q=1")
                    .collect(Collectors.joining(","));
            assertEquals(MediaTypes.acceptsJson(weighted), MediaTypes.acceptsJson(list), list);
        }
        assertTrue(MediaTypes.acceptsJson("application/json, text/plain, */*"));
        assertFalse(MediaTypes.acceptsJson("text/plain, text/html"));
        assertFalse(MediaTypes.acceptsJson("application/json;q=0, */*"));
    }

    @Test
    void jsonInUtf8WhateverTheCaseAndSpacing() {
        for (String type : List.of(
                "application/json",
                "application/json; charset=utf-8",
                "APPLICATION/JSON; CHARSET=UTF-8",
                "application/json;charset=\"utf-8\"",
                "application/json ; charset = utf-8")) {
            assertTrue(MediaTypes.isJsonUtf8(type), type);
            assertTrue(MediaTypes.isUtf8(MediaTypes.charset(type) == null ? "utf-8" : MediaTypes.charset(type)), type);
        }
        assertFalse(MediaTypes.isJsonUtf8("application/json; charset=iso-8859-1"));
        assertFalse(MediaTypes.isJsonUtf8("application/json; charset=utf-8; x=1"));
        assertEquals("UTF-8", MediaTypes.charset("application/json; charset=UTF-8"));
        assertEquals("latin1", MediaTypes.charset("text/plain;charset=latin1"));
    }
}
