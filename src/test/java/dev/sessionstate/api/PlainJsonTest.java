package dev.sessionstate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick check of plain values must accept only what Jackson accepts, with the same text; what
 * it leaves to Jackson costs only time.
 */
class PlainJsonTest {

    private static final int MAX_DEPTH = 4;
    private final JsonBodies bodies = new JsonBodies(MAX_DEPTH);

    private static final List<String> PLAIN = List.of(
            "{\"n\":12345,\"s\":\"hello world\"}",
            "  {\"b\": 1.50, \"a\":[ ]}\n",
            "\t[1, -0, 0.5, -1.25e+10, 3E-2, true, false, null, \"\", {}]\r\n",
            "\"a \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\"",
            "123456789012345678901234567890.1",
            "{\"a\":1,\"b\":{\"a\":2},\"c\":[{\"a\":3,\"b\":4}]}",
            "[[[[1]]]]",
            "null");

    private static final List<String> NOT_PLAIN = List.of(
            "",
            "   ",
            "{",
            "1 2",
            "{\"a\":1,\"a\":2}",
            "{\"a\":{\"b\":1,\"b\":2}}",
            "'x'",
            "[1,]",
            "{\"a\":1,}",
            "NaN",
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            "truex",
            "nul",
            "[[[[[1]]]]]",
            "\"\u0001\"",
            "\"é\"",
            "\"\\x\"",
            "\"\\ud83d\\ude00\"",
            "{\"\\u0061\":1,\"a\":2}",
            "/* c */ 1",
            "\u000b1",
            "\uFEFF1",
            "{\"" + "k".repeat(300) + "\":1}");

    @Test
    void plainValuesAreAcceptedWithJacksonsText() {
        for (String text : PLAIN) {
            byte[] body = bytes(text);
            assertTrue(PlainJson.bounds(body, MAX_DEPTH) >= 0, text);
            assertEquals(bodies.parsedValue(body), bodies.value(body), text);
        }
    }

    @Test
    void otherBodiesAreLeftToJackson() {
        for (String text : NOT_PLAIN) {
            assertEquals(-1, PlainJson.bounds(bytes(text), MAX_DEPTH), text);
        }
    }

    /** Plain values changed at random: whatever the check accepts, Jackson accepts as the same text. */
    @Test
    void acceptsNothingThatJacksonRefuses() {
        Random random = new Random(15);
        String alphabet = "{}[]\",:0123456789-+.eE \n\t\\/utrfalsnxd\u0001é";
        int accepted = 0;
        for (int round = 0; round < 100_000; round++) {
            StringBuilder text = new StringBuilder(PLAIN.get(random.nextInt(PLAIN.size())));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.setCharAt(Math.min(at, text.length() - 1), c);
                    default -> text.deleteCharAt(Math.min(at, text.length() - 1));
                }
            }
            byte[] body = bytes(text.toString());
            if (PlainJson.bounds(body, MAX_DEPTH) >= 0) {
                accepted++;
                try {
                    assertEquals(bodies.parsedValue(body), bodies.value(body), text.toString());
                } catch (ProblemException refused) {
                    fail("accepted what Jackson refuses: " + text + " (" + refused.getMessage() + ")");
                }
            }
        }
        assertTrue(accepted > 1000, "too few changed values were plain to test anything: " + accepted);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
