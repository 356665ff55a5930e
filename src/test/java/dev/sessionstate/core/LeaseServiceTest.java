package dev.sessionstate.core;

import static dev.sessionstate.core.InMemoryServices.T0;
import static dev.sessionstate.core.InMemoryServices.assertRefused;
import static dev.sessionstate.core.InMemoryServices.join;
import static dev.sessionstate.core.SessionException.Kind.INVALID_FIELD;
import static dev.sessionstate.core.SessionException.Kind.PRECONDITION_FAILED;
import static dev.sessionstate.core.SessionException.Kind.SESSION_LOCKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lease rules of {@link LeaseService} and of writes under a lease, on a real in-memory store and a manual clock.
 */
class LeaseServiceTest {

    private final InMemoryServices services = new InMemoryServices();
    private final LeaseService leases = services.leases;
    private final ItemService items = services.items;

    @Test
    void acquireWhenFreeThenLeaseOfTheDefaultLengthWithTheNextFenceAndTheSameVersion() {
        String id = services.create(Map.of());

        Lease lease = join(leases.acquire(id, null)).result();

        assertEquals(new Lease(1, T0, T0.plusSeconds(30)), lease);
        Session stored = services.read(id);
        assertEquals(lease, stored.lease());
        assertEquals(1, stored.version());
    }

    @Test
    void acquireWhenHeldThenLockedWithTheHoldersIdAgeAndTimeLeft() {
        String id = services.create(Map.of());
        join(leases.acquire(id, 10));
        services.clock.advance(Duration.ofMillis(3_500));

        SessionException refused = assertRefused(SESSION_LOCKED, () -> join(leases.acquire(id, null)));

        assertEquals(new SessionException.HeldLease(1, 3, 7), refused.heldLease());
    }

    @Test
    void acquireWhenTheLeaseExpiredThenTheNextCallerGetsAGreaterId() {
        String id = services.create(Map.of());
        join(leases.acquire(id, 5));
        services.clock.advance(Duration.ofSeconds(5));

        assertEquals(2, join(leases.acquire(id, null)).result().id());
    }

    @Test
    void acquireWhenLengthIsOutOfBoundsThenInvalidField() {
        String id = services.create(Map.of());
        assertRefused(INVALID_FIELD, () -> join(leases.acquire(id, 0)));
        assertRefused(INVALID_FIELD, () -> join(leases.acquire(id, 121)));
        assertNull(services.read(id).lease());
    }

    @Test
    void writeWhenLeasedThenOnlyTheHolderWritesAndReadsNeverWait() {
        String id = services.create(Map.of("k", "1"));
        long lockId = join(leases.acquire(id, null)).result().id();

        assertRefused(SESSION_LOCKED, () -> join(items.putItem(id, "k", "2", ValueType.ANY, Precondition.NONE, false)));
        assertRefused(
                SESSION_LOCKED,
                () -> join(items.putItem(id, "k", "2", ValueType.ANY, holding(lockId + 1, false), false)));
        assertRefused(SESSION_LOCKED, () -> join(services.sessions.end(id, Precondition.NONE)));
        assertEquals("1", join(items.item(id, "k", ValueType.ANY)).result());

        join(items.putItem(id, "k", "3", ValueType.ANY, holding(lockId, false), false));
        assertEquals("3", services.read(id).items().get("k"));
        assertEquals(lockId, services.read(id).lease().id());
    }

    @Test
    void writeWhenTheLeaseCheckPassesThenTheVersionIsStillChecked() {
        String id = services.create(Map.of());
        long lockId = join(leases.acquire(id, null)).result().id();

        Precondition stale = Precondition.versionIn(Set.of(9L)).holding(new LeaseClaim(lockId, true));
        assertRefused(PRECONDITION_FAILED, () -> join(items.clearItems(id, stale)));
        assertEquals(lockId, services.read(id).lease().id(), "a refused write releases nothing");
    }

    @Test
    void writeAndReleaseThenChangedAndFreeInOneStep() {
        String id = services.create(Map.of());
        long lockId = join(leases.acquire(id, null)).result().id();

        join(items.putItem(id, "k", "1", ValueType.ANY, holding(lockId, true), false));

        Session stored = services.read(id);
        assertEquals("1", stored.items().get("k"));
        assertNull(stored.lease());
        join(items.putItem(id, "k", "2", ValueType.ANY, Precondition.NONE, false));
    }

    @Test
    void writeNamingALeaseWhenNoneHoldsThenLocked() {
        String id = services.create(Map.of());
        long lockId = join(leases.acquire(id, 5)).result().id();
        services.clock.advance(Duration.ofSeconds(6));

        SessionException refused = assertRefused(
                SESSION_LOCKED, () -> join(items.putItem(id, "k", "1", ValueType.ANY, holding(lockId, false), false)));

        assertNull(refused.heldLease());
        assertEquals(0, services.read(id).items().size());
    }

    @Test
    void staleHolderAfterATakeoverCannotWriteRenewOrRelease() {
        String id = services.create(Map.of());
        long first = join(leases.acquire(id, 5)).result().id();
        services.clock.advance(Duration.ofSeconds(5));
        long second = join(leases.acquire(id, null)).result().id();

        assertRefused(
                SESSION_LOCKED, () -> join(items.putItem(id, "k", "1", ValueType.ANY, holding(first, false), false)));
        assertRefused(SESSION_LOCKED, () -> join(leases.renew(id, first, null)));
        assertRefused(SESSION_LOCKED, () -> join(leases.release(id, first)));
        assertEquals(second, services.read(id).lease().id());
        assertEquals(0, services.read(id).items().size());
    }

    @Test
    void renewExtendsFromNowAndKeepsTheId() {
        String id = services.create(Map.of());
        long lockId = join(leases.acquire(id, 10)).result().id();
        services.clock.advance(Duration.ofSeconds(8));

        Lease renewed = join(leases.renew(id, lockId, 20)).result();

        assertEquals(new Lease(lockId, T0, T0.plusSeconds(28)), renewed);
    }

    @Test
    void releaseThenFreeAndTheFenceKeepsGrowing() {
        String id = services.create(Map.of());
        long lockId = join(leases.acquire(id, null)).result().id();

        join(leases.release(id, lockId));
        assertRefused(SESSION_LOCKED, () -> join(leases.release(id, lockId)));

        assertEquals(lockId + 1, join(leases.acquire(id, null)).result().id());
    }

    @Test
    void forceReleaseFreesWhateverLeaseHoldsAndIsIdempotent() {
        String id = services.create(Map.of());
        join(leases.acquire(id, null));

        join(leases.forceRelease(id));
        join(leases.forceRelease(id));

        assertNull(services.read(id).lease());
        join(services.sessions.end(id, Precondition.NONE));
    }

    private static Precondition holding(long lockId, boolean release) {
        return Precondition.NONE.holding(new LeaseClaim(lockId, release));
    }
}
