package dev.sessionstate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(4);

    @Test
    void valueIsTheExactTextTrimmed() {
        assertEquals("{\"b\": 1.50, \"a\":[ ]}", bodies.value(bytes("  {\"b\": 1.50, \"a\":[ ]}\n")));
        assertEquals("123456789012345678901234567890.1", bodies.value(bytes("123456789012345678901234567890.1")));
    }

    @Test
    void objectMembersAreSlicedExactlyInOrder() {
        var members = bodies.object(
                bytes("{ \"z\" : \"é😀\\\"\" , \"a\":{\"y\":[1, 2]},\"n\":-0.0e-7,\"t\":true,\"x\":null }"));
        assertEquals(List.of("z", "a", "n", "t", "x"), List.copyOf(members.keySet()));
        assertEquals("\"é😀\\\"\"", members.get("z"));
        assertEquals("{\"y\":[1, 2]}", members.get("a"));
        assertEquals("-0.0e-7", members.get("n"));
        assertEquals("true", members.get("t"));
        assertEquals("null", members.get("x"));
    }

    @Test
    void malformedBodiesAreRefused() {
        for (String bad : new String[] {"", "{", "1 2", "{\"a\":1,\"a\":2}", "'x'", "[1,]", "NaN"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> bodies.value(bytes(bad)), bad);
            assertEquals(ProblemType.MALFORMED_JSON, e.type(), bad);
        }
        assertEquals(
                ProblemType.MALFORMED_JSON,
                assertThrows(ProblemException.class, () -> bodies.object(bytes("[1]")))
                        .type());
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        bodies.value(bytes("[[[[1]]]]"));
        assertEquals(
                ProblemType.NESTING_TOO_DEEP,
                assertThrows(ProblemException.class, () -> bodies.value(bytes("[[[[[1]]]]]")))
                        .type());
        assertEquals(
                ProblemType.NESTING_TOO_DEEP,
                assertThrows(ProblemException.class, () -> bodies.object(bytes("{\"a\":[[[[1]]]]}")))
                        .type());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
