package dev.sessionstate.core;

import static dev.sessionstate.core.InMemoryServices.assertRefused;
import static dev.sessionstate.core.InMemoryServices.join;
import static dev.sessionstate.core.SessionException.Kind.COUNTER_OVERFLOW;
import static dev.sessionstate.core.SessionException.Kind.INDEX_OUT_OF_RANGE;
import static dev.sessionstate.core.SessionException.Kind.INVALID_KEY;
import static dev.sessionstate.core.SessionException.Kind.ITEM_NOT_FOUND;
import static dev.sessionstate.core.SessionException.Kind.PRECONDITION_FAILED;
import static dev.sessionstate.core.SessionException.Kind.READ_ONLY;
import static dev.sessionstate.core.SessionException.Kind.SESSION_NOT_FOUND;
import static dev.sessionstate.core.SessionException.Kind.SESSION_TOO_LARGE;
import static dev.sessionstate.core.SessionException.Kind.TOO_MANY_ITEMS;
import static dev.sessionstate.core.SessionException.Kind.TYPE_MISMATCH;
import static dev.sessionstate.core.SessionException.Kind.VALUE_TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The item rules of {@link ItemService}, on a real in-memory store. Limits are those of
 * {@link InMemoryServices}: keys of 10 characters, values of 20 bytes, 3 items, 40 bytes a session.
 */
class ItemServiceTest {

    private static final Precondition NONE = Precondition.NONE;

    private final InMemoryServices services = new InMemoryServices();
    private final ItemService items = services.items;

    @Test
    void putItemWhenKeyIsNewThenCreatedAndWhenItExistsThenReplacedInPlace() {
        String id = services.create(ordered("a", "1", "b", "2"));

        assertTrue(put(id, "c", "3", NONE, false).result());
        assertFalse(put(id, "a", "9", NONE, false).result());

        Session stored = services.read(id);
        assertEquals(List.of("a", "b", "c"), stored.items().keys());
        assertEquals("9", stored.items().get("a"));
        assertEquals(3, stored.version());
    }

    @Test
    void putItemWhenCreateOnlyAndKeyIsAbsentThenCreated() {
        String id = services.create(Map.of());

        assertTrue(put(id, "k", "1", NONE, true).result());

        assertEquals("1", services.read(id).items().get("k"));
    }

    @Test
    void putItemWhenCreateOnlyAndKeyExistsThenPreconditionFailedAndValueKept() {
        String id = services.create(Map.of("k", "1"));

        assertRefused(PRECONDITION_FAILED, () -> put(id, "k", "2", NONE, true));

        assertEquals("1", services.read(id).items().get("k"));
        assertEquals(1, services.read(id).version());
    }

    @Test
    void putItemWhenIfMatchNamesTheCurrentVersionThenStored() {
        String id = services.create(Map.of());

        Session after =
                put(id, "k", "1", Precondition.versionIn(Set.of(1L)), false).session();

        assertEquals(2, after.version());
        assertEquals("1", services.read(id).items().get("k"));
    }

    @Test
    void putItemWhenIfMatchNamesAnotherVersionThenPreconditionFailedAndNothingChanged() {
        String id = services.create(Map.of());
        put(id, "k", "1", NONE, false);

        assertRefused(PRECONDITION_FAILED, () -> put(id, "k", "2", Precondition.versionIn(Set.of(1L)), false));

        assertEquals("1", services.read(id).items().get("k"));
        assertEquals(2, services.read(id).version());
    }

    @Test
    void itemWritesWhenSessionIsReadOnlyThenReadOnlyAndNothingChanged() {
        String id = join(services.sessions.create(new NewSession(null, true, ordered("a", "1", "b", "2"))))
                .id();

        for (Executable write : List.<Executable>of(
                () -> put(id, "c", "3", NONE, false),
                () -> join(items.removeItem(id, "a", NONE)),
                () -> join(items.clearItems(id, NONE)),
                () -> join(items.patchItems(id, Map.of("a", "5"), NONE)),
                () -> join(items.increment(id, "a", 1, NONE)),
                () -> join(items.setItemAt(id, 0, "5", NONE)),
                () -> join(items.removeItemAt(id, 1, NONE)))) {
            assertRefused(READ_ONLY, write);
        }

        assertEquals("1", join(items.item(id, "a", ValueType.ANY)).result());
        assertEquals(Map.of("a", "1", "b", "2"), services.read(id).items().asMap());
        assertEquals(1, services.read(id).version());
    }

    @Test
    void putItemWhenKeyIsInvalidThenInvalidKey() {
        String id = services.create(Map.of());

        assertRefused(INVALID_KEY, () -> put(id, "", "1", NONE, false));
        assertRefused(INVALID_KEY, () -> put(id, "k".repeat(11), "1", NONE, false));
        assertRefused(INVALID_KEY, () -> put(id, "tab\there", "1", NONE, false));
        put(id, "k".repeat(10), "1", NONE, false);
    }

    @Test
    void putItemWhenValueIsOverTheLimitInUtf8BytesThenValueTooLarge() {
        String id = services.create(Map.of());

        put(id, "k", "\"" + "é".repeat(9) + "\"", NONE, false);
        assertRefused(VALUE_TOO_LARGE, () -> put(id, "k", "\"" + "é".repeat(10) + "\"", NONE, false));

        assertEquals("\"" + "é".repeat(9) + "\"", services.read(id).items().get("k"));
    }

    @Test
    void putItemWhenSessionWouldHoldTooManyItemsThenTooManyItemsButReplacingIsAllowed() {
        String id = services.create(ordered("a", "1", "b", "2", "c", "3"));

        assertRefused(TOO_MANY_ITEMS, () -> put(id, "d", "4", NONE, false));
        assertRefused(TOO_MANY_ITEMS, () -> join(items.patchItems(id, Map.of("d", "4"), NONE)));
        put(id, "c", "30", NONE, false);

        assertEquals(List.of("a", "b", "c"), services.read(id).items().keys());
    }

    @Test
    void putItemWhenSessionWouldGrowPastItsByteLimitThenSessionTooLarge() {
        String eighteenBytes = "\"" + "x".repeat(16) + "\"";
        String id = services.create(ordered("a", eighteenBytes, "b", eighteenBytes));

        assertRefused(SESSION_TOO_LARGE, () -> put(id, "c", "12", NONE, false));
        put(id, "c", "1", NONE, false);

        assertEquals(40, services.read(id).items().bytes());
    }

    @Test
    void putItemWhenValueIsNotOfTheTypeAskedForThenTypeMismatch() {
        String id = services.create(Map.of());

        assertRefused(TYPE_MISMATCH, () -> join(items.putItem(id, "k", "\"x\"", ValueType.INT32, NONE, false)));
        assertRefused(TYPE_MISMATCH, () -> join(items.putItem(id, "k", "1", ValueType.STRING, NONE, false)));

        assertEquals(0, services.read(id).items().size());
    }

    @Test
    void itemWhenAbsentThenItemNotFoundAndWhenOfAnotherTypeThenTypeMismatch() {
        String id = services.create(Map.of("s", "\"x\""));

        assertRefused(ITEM_NOT_FOUND, () -> join(items.item(id, "absent", ValueType.ANY)));
        assertRefused(TYPE_MISMATCH, () -> join(items.item(id, "s", ValueType.INT32)));
        assertEquals("\"x\"", join(items.item(id, "s", ValueType.STRING)).result());
    }

    @Test
    void itemWhenReadThenSessionIsTouched() {
        String id = join(services.sessions.create(new NewSession(60, false, Map.of("k", "1"))))
                .id();

        services.clock.advance(Duration.ofSeconds(59));
        join(items.item(id, "k", ValueType.ANY));
        services.clock.advance(Duration.ofSeconds(59));

        assertEquals("1", join(items.item(id, "k", ValueType.ANY)).result());
        services.clock.advance(Duration.ofSeconds(60));
        assertRefused(SESSION_NOT_FOUND, () -> join(items.item(id, "k", ValueType.ANY)));
    }

    @Test
    void incrementWhenItemIsAbsentThenCountsFromZero() {
        String id = services.create(Map.of());

        assertEquals(5, join(items.increment(id, "n", 5, NONE)).result());
        assertEquals(3, join(items.increment(id, "n", -2, NONE)).result());

        assertEquals("3", services.read(id).items().get("n"));
    }

    @Test
    void incrementWhenResultLeavesTheLongRangeThenCounterOverflowAndValueKept() {
        String id = services.create(Map.of("n", Long.toString(Long.MAX_VALUE)));

        assertRefused(COUNTER_OVERFLOW, () -> join(items.increment(id, "n", 1, NONE)));

        assertEquals(Long.toString(Long.MAX_VALUE), services.read(id).items().get("n"));
    }

    @Test
    void incrementWhenValueIsNotAnIntegerThenTypeMismatch() {
        String id = services.create(Map.of("f", "1.5", "s", "\"1\""));

        assertRefused(TYPE_MISMATCH, () -> join(items.increment(id, "f", 1, NONE)));
        assertRefused(TYPE_MISMATCH, () -> join(items.increment(id, "s", 1, NONE)));
    }

    @Test
    void indexOperationsWhenIndexIsOutOfRangeThenIndexOutOfRange() {
        String id = services.create(ordered("a", "1", "b", "2"));

        for (int index : new int[] {-1, 2}) {
            assertRefused(INDEX_OUT_OF_RANGE, () -> join(items.itemAt(id, index)));
            assertRefused(INDEX_OUT_OF_RANGE, () -> join(items.setItemAt(id, index, "9", NONE)));
            assertRefused(INDEX_OUT_OF_RANGE, () -> join(items.removeItemAt(id, index, NONE)));
        }
        assertEquals(1, services.read(id).version());
    }

    @Test
    void indexOperationsWhenIndexIsInRangeThenActOnThatPositionInInsertionOrder() {
        String id = services.create(ordered("a", "1", "b", "2", "c", "3"));

        assertEquals(Map.entry("b", "2"), join(items.itemAt(id, 1)).result());
        join(items.setItemAt(id, 1, "20", NONE));
        join(items.removeItemAt(id, 0, NONE));

        assertEquals(ordered("b", "20", "c", "3"), services.read(id).items().asMap());
    }

    @Test
    void removeItemWhenAbsentThenNoErrorAndVersionUnchanged() {
        String id = services.create(Map.of("a", "1"));

        join(items.removeItem(id, "absent", NONE));

        assertEquals(1, services.read(id).version());
    }

    @Test
    void patchItemsWhenGivenSetsAndNullsThenAppliedInOneStep() {
        String id = services.create(ordered("a", "1", "b", "2"));
        Map<String, String> patch = new HashMap<>();
        patch.put("a", null);
        patch.put("c", "3");

        join(items.patchItems(id, patch, NONE));

        Session stored = services.read(id);
        assertEquals(ordered("b", "2", "c", "3"), stored.items().asMap());
        assertEquals(2, stored.version());
    }

    @Test
    void itemOperationsWhenSessionIsEndedOrIdIsMalformedThenSessionNotFound() {
        String id = services.create(Map.of("k", "1"));
        join(services.sessions.end(id, Precondition.NONE));

        for (String missing : new String[] {id, "bad id", "AAAAAAAAAAAAAAAAAAAAAA"}) {
            assertRefused(SESSION_NOT_FOUND, () -> join(items.item(missing, "k", ValueType.ANY)));
            assertRefused(SESSION_NOT_FOUND, () -> put(missing, "k", "2", NONE, false));
            assertRefused(SESSION_NOT_FOUND, () -> join(items.increment(missing, "n", 1, NONE)));
        }
        assertEquals(0, services.storedSessions());
    }

    private UpdateResult<Boolean> put(
            String id, String key, String json, Precondition precondition, boolean createOnly) {
        return join(items.putItem(id, key, json, ValueType.ANY, precondition, createOnly));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
