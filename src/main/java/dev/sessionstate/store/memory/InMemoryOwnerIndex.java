package dev.sessionstate.store.memory;

import dev.sessionstate.core.OwnerIndex;
import dev.sessionstate.core.OwnerMember;
import dev.sessionstate.core.OwnerMembers;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owners' documents in a {@link ConcurrentHashMap} of this process, replaced by compare-and-set
 * inside {@code compute}. A document expires after the latest horizon of its members: it reads as
 * absent from then on, and {@link #sweep(Instant)} frees its memory.
 *
 * <p>Like the sessions' map, the table is sized at construction for as many owners as there may be
 * sessions, so that it never grows on a request's thread (see {@link InMemorySessionStore}).
 */
public final class InMemoryOwnerIndex implements OwnerIndex {

    private final ConcurrentHashMap<Key, Document> documents;
    /** Versions are never reused, even by a document made after another expired. */
    private final AtomicLong versions = new AtomicLong();

    private ExpirySweeper sweeper;

    /** @param maxSessions the most sessions the instance holds, and so the most owners it can list */
    public InMemoryOwnerIndex(long maxSessions) {
        documents = new ConcurrentHashMap<>(
                InMemorySessionStore.presize(maxSessions, Runtime.getRuntime().maxMemory()));
    }

    private record Key(String application, String owner) {}

    private record Document(Map<String, OwnerMember> members, long version, Instant expiresAt) {}

    @Override
    public CompletionStage<OwnerMembers> read(String application, String owner, Instant now) {
        Document document = documents.get(new Key(application, owner));
        return CompletableFuture.completedFuture(
                document == null || !document.expiresAt().isAfter(now)
                        ? OwnerMembers.NONE
                        : new OwnerMembers(document.members(), document.version()));
    }

    @Override
    public CompletionStage<Boolean> replace(
            String application, String owner, OwnerMembers expected, Map<String, OwnerMember> next, Instant now) {
        boolean[] replaced = {false};
        documents.compute(new Key(application, owner), (key, current) -> {
            Long version = current == null || !current.expiresAt().isAfter(now) ? null : current.version();
            if (!Objects.equals(version, expected.version())) {
                return current;
            }
            replaced[0] = true;
            if (next.isEmpty()) {
                return null;
            }
            return new Document(Map.copyOf(next), versions.incrementAndGet(), latestHorizon(next));
        });
        return CompletableFuture.completedFuture(replaced[0]);
    }

    /** Removes every document expired at {@code now} and returns how many. */
    public int sweep(Instant now) {
        int swept = 0;
        for (Map.Entry<Key, Document> entry : documents.entrySet()) {
            if (!entry.getValue().expiresAt().isAfter(now) && documents.remove(entry.getKey(), entry.getValue())) {
                swept++;
            }
        }
        return swept;
    }

    /** Starts sweeping expired documents every {@code interval} until {@link #close()}. */
    public synchronized void startSweeping(InstantSource clock, Duration interval) {
        if (sweeper == null) {
            sweeper = new ExpirySweeper(this::sweep, clock, interval);
        }
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.close();
            sweeper = null;
        }
    }

    private static Instant latestHorizon(Map<String, OwnerMember> members) {
        return members.values().stream()
                .map(OwnerMember::horizon)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }
}
