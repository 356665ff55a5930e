package dev.sessionstate.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionstate.core.EndReason;
import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.store.SessionStoreContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest extends SessionStoreContractTest {

    private static final int MAX_SESSIONS = 50;

    @Override
    protected SessionStore createStore(SessionEvents events) {
        return new InMemorySessionStore(MAX_SESSIONS, events);
    }

    @Test
    void sweepFreesExpiredSessionsAndKeepsLiveOnes() {
        InMemorySessionStore memory = (InMemorySessionStore) store;
        Session old = insert();
        Session fresh = Session.create("fresh-session-id-00000", T0.plusSeconds(50), 60, false, Items.EMPTY);
        join(store.insert(fresh));

        assertEquals(1, memory.sweep(T0.plusSeconds(61)));

        assertEquals(1, join(store.count()));
        assertEquals(List.of(EndReason.EXPIRED), events.ended());
        assertRefused(SessionException.Kind.SESSION_NOT_FOUND, () -> read(old.id(), T0.plusSeconds(61)));
        assertEquals(fresh.id(), read(fresh.id(), T0.plusSeconds(61)).id());
    }

    @Test
    void insertBeyondCapacityIsRefusedUntilASessionEnds() {
        Session first = insert();
        for (int i = 1; i < MAX_SESSIONS; i++) {
            insert();
        }
        assertRefused(SessionException.Kind.CAPACITY_EXHAUSTED, () -> insert());
        assertEquals(MAX_SESSIONS, join(store.count()));

        join(store.delete(first.id(), T0));
        insert();
        assertEquals(MAX_SESSIONS, join(store.count()));
    }

    @Test
    void tableIsSizedForTheCapUnlessTheHeapCannotHoldIt() {
        long gib = 1L << 30;
        assertEquals(1_000_000, InMemorySessionStore.presize(1_000_000, gib));
        assertEquals(gib / InMemorySessionStore.SESSION_BYTES, InMemorySessionStore.presize(10_000_000, gib));
        assertEquals(1 << 29, InMemorySessionStore.presize(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(0, InMemorySessionStore.presize(0, gib));
    }
}
