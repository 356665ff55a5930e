package dev.sessionstate.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sessionstate.core.SessionEvents;
import dev.sessionstate.core.SessionStore;
import dev.sessionstate.store.ApplicationLimitContractTest;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InMemoryApplicationLimitTest extends ApplicationLimitContractTest {

    @Override
    protected SessionStore createStore(String application, long max, SessionEvents events) {
        return new InMemorySessionStore(1000, limit(application, max), events);
    }

    @Test
    void theSweepGivesPlacesBackAndTheStoreWideCapStillHolds() {
        InMemorySessionStore store = (InMemorySessionStore) store(2);
        insert(store, session(capped, T0));
        insert(store, session(capped, T0));
        assertEquals(OptionalLong.of(2), store.count(capped));
        assertEquals(2, store.sweep(T0.plusSeconds(3600)));
        assertEquals(OptionalLong.of(0), store.count(capped));
        assertEquals(OptionalLong.empty(), store.count("unlimited"));
    }
}
