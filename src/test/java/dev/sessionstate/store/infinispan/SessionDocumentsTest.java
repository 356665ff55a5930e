package dev.sessionstate.store.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Lease;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionDocumentsTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private final SessionDocuments documents = new SessionDocuments();

    @Test
    void sessionsReadBackExactlyAsWritten() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cart", "{\"sku\":\"A-1\",\"qty\":2,\"tags\":[],\"more\":{}}");
        values.put("big", "12345678901234567890123456789012345678901");
        values.put("float", "-0.5e+10");
        values.put("text", "\"é\\u00e9 \\\"quoted\\\" \\\\ 😀\"");
        values.put("q\"uote\\key\n\u0001", "[true,false,null,[[]],{\"a\":[1,{\"b\":null}]}]");
        values.put("", "\"\"");
        values.put("z", "7");
        values.put("a", "{ \"spaced\" : [ 1 , 2 ] }");
        Session session = new Session(
                "id\"1",
                Instant.parse("2026-11-22T06:00:00.120Z"),
                Instant.parse("2026-11-22T06:01:00Z"),
                1200,
                true,
                new SessionProperties("cmd \"x\"", 1033, null),
                Items.of(values),
                42);

        String document = documents.write(session);
        Session read = documents.read(document);

        assertEquals(session, withItemsOf(read, session));
        assertEquals(session.items().asMap(), read.items().asMap());
        assertEquals(values.keySet().stream().toList(), read.items().keys());
    }

    @Test
    void applicationOwnerLifetimeAndCookielessAreWrittenAndReadBackAndOldDocumentsBelongToTheDefaultApplication()
            throws Exception {
        Session plain =
                new Session("s", Instant.EPOCH, Instant.EPOCH, 60, false, SessionProperties.NONE, Items.EMPTY, 2);
        Session owned = new Session(
                "s",
                "shop",
                "user \"7\"",
                0,
                0,
                60,
                3600,
                false,
                new SessionProperties(null, 1033, null, true),
                Items.EMPTY,
                2,
                null,
                0);

        assertEquals(owned, documents.read(documents.write(owned)));
        assertEquals(plain, documents.read(documents.write(plain)));
        JsonNode json = JACKSON.readTree(documents.write(owned));
        assertEquals("shop", json.get("application").asText());
        assertEquals("user \"7\"", json.get("owner").asText());
        assertEquals(3600, json.get("maxLifetimeSeconds").asInt());
        assertTrue(json.get("properties").get("cookieless").asBoolean());
        JsonNode plainJson = JACKSON.readTree(documents.write(plain));
        assertFalse(plainJson.has("owner") || plainJson.has("maxLifetimeSeconds"));
        assertFalse(plainJson.get("properties").has("cookieless"));
        String before = documents.write(plain).replace("\"application\":\"default\",", "");
        assertFalse(before.contains("application"));
        Session legacy = documents.read(before);
        assertEquals(Session.DEFAULT_APPLICATION, legacy.application());
        assertEquals(plain, legacy);
    }

    @Test
    void leaseAndFenceAreWrittenAndReadBackAndOldDocumentsReadAsNeverLeased() throws Exception {
        Session unleased =
                new Session("s", Instant.EPOCH, Instant.EPOCH, 60, false, SessionProperties.NONE, Items.EMPTY, 2);
        Lease lease = new Lease(7, Instant.parse("2026-11-22T06:00:00.5Z"), Instant.parse("2026-11-22T06:00:30.5Z"));
        Session leased = unleased.withLease(lease);

        String document = documents.write(leased);
        JsonNode json = JACKSON.readTree(document);
        assertEquals(7, json.get("fence").asLong());
        assertEquals(7, json.get("lock").get("id").asLong());
        assertEquals(
                "2026-11-22T06:00:30.500Z", json.get("lock").get("expiresAt").asText());
        assertEquals(leased, withItemsOf(documents.read(document), leased));

        Session released = documents.read(documents.write(leased.withoutLease()));
        assertEquals(null, released.lease());
        assertEquals(7, released.fence());

        String old = documents.write(unleased);
        assertEquals(false, old.contains("fence") || old.contains("lock"), old);
        assertEquals(null, documents.read(old).lease());
        assertEquals(0, documents.read(old).fence());
    }

    @Test
    void documentsAreJsonThatAnyParserReads() throws Exception {
        Session session = new Session(
                "abc",
                Instant.parse("2026-11-22T06:00:00Z"),
                Instant.parse("2026-11-22T06:00:00.001Z"),
                60,
                false,
                SessionProperties.NONE,
                Items.of(Map.of("k\t", "{\"n\":1}")),
                3);

        JsonNode json = JACKSON.readTree(documents.write(session));

        assertEquals("abc", json.get("id").asText());
        assertEquals("2026-11-22T06:00:00Z", json.get("createdAt").asText());
        assertEquals("2026-11-22T06:00:00.001Z", json.get("lastAccessedAt").asText());
        assertEquals(60, json.get("timeoutSeconds").asInt());
        assertEquals(3, json.get("version").asLong());
        assertEquals(true, json.get("properties").get("lcid").isNull());
        assertEquals(1, json.get("items").get("k\t").get("n").asInt());
    }

    @Test
    void membersInAnyOrderWithUnknownOnesAndWhiteSpaceAreRead() {
        String document = " {\n \"items\" : { \"b\" : [1, 2] , \"a\" : \"x\" },\"future\":{\"x\":[{\"y\":null}]},"
                + "\"version\":5,\"readOnly\":false,\"properties\":{\"lcid\":7,\"new\":true},\"timeoutSeconds\":30,"
                + "\"lastAccessedAt\":\"2026-11-22T06:00:00Z\",\"createdAt\":\"2026-11-22T05:00:00Z\",\"id\":\"s\\u00"
                + "31\"}\n";

        Session session = documents.read(document);

        assertEquals("s1", session.id());
        assertEquals(5, session.version());
        assertEquals(30, session.timeoutSeconds());
        assertEquals(7, session.properties().lcid());
        assertEquals("[1, 2]", session.items().get("b"));
        assertEquals("\"x\"", session.items().get("a"));
        assertEquals(java.util.List.of("b", "a"), session.items().keys());
    }

    /** Documents written when sessions kept their times to the microsecond still read, to the millisecond. */
    @Test
    void timesFinerThanAMillisecondReadToTheMillisecond() {
        String document = "{\"id\":\"s\",\"createdAt\":\"2026-11-22T05:00:00.000999Z\","
                + "\"lastAccessedAt\":\"2026-11-22T06:00:00.123456Z\",\"timeoutSeconds\":30,\"readOnly\":false,"
                + "\"version\":1,\"items\":{\"a\":1}}";

        Session session = documents.read(document);

        assertEquals(Instant.parse("2026-11-22T05:00:00Z"), session.createdAt());
        assertEquals(Instant.parse("2026-11-22T06:00:00.123Z"), session.lastAccessedAt());
        assertEquals("1", session.items().get("a"));
    }

    @Test
    void malformedDocumentsAreRefused() {
        String valid = documents.write(new Session(
                "s", Instant.EPOCH, Instant.EPOCH, 60, false, SessionProperties.NONE, Items.of(Map.of("k", "1")), 1));
        for (String document : new String[] {
            "",
            "{",
            "[]",
            "null",
            valid + "x",
            valid.replace("\"k\":1", "\"k\":01"),
            valid.replace("\"k\":1", "\"k\":1."),
            valid.replace("\"k\":1", "\"k\":-"),
            valid.replace("\"k\":1", "\"k\":tru"),
            valid.replace("\"k\":1", "\"k\":[1,]"),
            valid.replace("\"k\":1", "\"k\":{\"a\"}"),
            valid.replace("\"k\":1", "\"k\":[1}"),
            valid.replace("\"k\":1", "\"k\":\"\\x\""),
            valid.replace("\"k\":1", "\"k\":\"a\nb\""),
            valid.replace("\"k\":1", "\"k\":"),
            valid.replace("\"timeoutSeconds\":60", "\"timeoutSeconds\":1.5"),
            valid.replace("\"timeoutSeconds\":60", "\"timeoutSeconds\":0"),
            valid.replace("\"version\":1", "\"version\":\"1\""),
            valid.substring(0, valid.length() - 1)
        }) {
            assertThrows(IllegalArgumentException.class, () -> documents.read(document), document);
        }
    }

    @Test
    void deeplyNestedValuesAreSkippedWithoutOverflowingTheStack() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        Session session = new Session(
                "s",
                Instant.EPOCH,
                Instant.EPOCH,
                60,
                false,
                SessionProperties.NONE,
                Items.of(Map.of("deep", deep)),
                1);

        assertEquals(deep, documents.read(documents.write(session)).items().get("deep"));
    }

    @Test
    void instantsAreWrittenAsInstantWritesThem() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            StringBuilder out = new StringBuilder();
            SessionDocuments.instant(out, instant);
            assertEquals(instant.toString(), out.toString());
        }
    }

    @Test
    void instantsReadBackAsInstantWritesThem() {
        for (String text : new String[] {
            "2026-11-22T06:00:00Z",
            "2026-11-22T06:00:00.100Z",
            "2030-01-01T23:59:59.123456Z",
            "1999-12-31T00:00:01.000000001Z",
            "2024-02-29T12:34:56.5Z",
            "1970-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "2026-11-22T24:00:00Z"
        }) {
            assertEquals(Instant.parse(text), SessionDocuments.instant(text), text);
        }
        Instant now = Instant.now();
        assertEquals(now, SessionDocuments.instant(now.toString()));
    }

    @Test
    void malformedInstantsAreRefused() {
        assertThrows(RuntimeException.class, () -> SessionDocuments.instant("2026-11-22T06:0x:00Z"));
        assertThrows(RuntimeException.class, () -> SessionDocuments.instant("2026-13-22T06:00:00Z"));
        assertThrows(RuntimeException.class, () -> SessionDocuments.instant("yesterday"));
    }

    /** {@code read} holding the items of {@code original}: Items compare by identity, so they are compared apart. */
    private static Session withItemsOf(Session read, Session original) {
        return new Session(
                read.id(),
                read.application(),
                read.owner(),
                read.createdAtMillis(),
                read.lastAccessedAtMillis(),
                read.timeoutSeconds(),
                read.maxLifetimeSeconds(),
                read.readOnly(),
                read.properties(),
                original.items(),
                read.version(),
                read.lease(),
                read.fence());
    }
}
