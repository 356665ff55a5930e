package dev.sessionstate.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The rules of owners' indexes: the per-owner limit, pruning of sessions that are gone, and the
 * lifetime of an owner's document. Every change is a compare-and-set of the owner's document in
 * the {@link OwnerIndex}, run again on what another writer stored when it loses, so two creates
 * for one owner can never both take the last place.
 *
 * <p>Entries never outlive their sessions for long: whoever reads an owner's list (listing, or a
 * create at the limit) looks up each member and drops those whose session is gone, and the
 * document itself expires after the latest {@link #horizon} of its members.
 */
public final class Owners {

    /** How long an entry is kept while its session is not found: the time a create takes to store it. */
    public static final Duration RESERVATION = Duration.ofSeconds(10);

    /** Compare-and-set attempts before a change gives up with WRITE_CONTENTION. */
    private static final int ATTEMPTS = 64;

    private final OwnerIndex index;
    private final SessionStore store;
    private final OwnerLimit limit;

    public Owners(OwnerIndex index, SessionStore store, OwnerLimit limit) {
        this.index = index;
        this.store = store;
        this.limit = limit;
    }

    /**
     * A moment no earlier than the last at which {@code session} can be live unless it is written
     * again: its idle expiry, with a store's touch grace (at most a tenth of the timeout), rounded
     * up to the end of a timeout-long period so that it moves only once per timeout
     * ({@link #needsExtension}); never later than the maximum lifetime allows.
     */
    public static Instant horizon(Session session) {
        long timeout = session.timeoutSeconds();
        long periodEnd = (Math.floorDiv(session.lastAccessedAt().getEpochSecond(), timeout) + 1) * timeout;
        Instant idle = Instant.ofEpochSecond(periodEnd + timeout + timeout / 10 + 1);
        Instant absolute = session.absoluteExpiresAt();
        return absolute != null && absolute.plusSeconds(1).isBefore(idle) ? absolute.plusSeconds(1) : idle;
    }

    /** Whether the owner's entry for a session written as {@code after} must move its horizon. */
    public static boolean needsExtension(Session before, Session after) {
        return after.owner() != null && horizon(after).isAfter(horizon(before));
    }

    /**
     * Enters {@code session}, not stored yet, into its owner's list within the limit. Completes
     * with the ids of sessions to end to make room (evict-oldest), or fails with
     * OWNER_LIMIT_REACHED (reject), then entering nothing.
     */
    public CompletionStage<List<String>> reserve(Session session, Instant now) {
        List<String> evicted = new ArrayList<>();
        return change(session.application(), session.owner(), now, current -> {
                    evicted.clear();
                    Map<String, OwnerMember> members = current.members();
                    CompletionStage<Map<String, OwnerMember>> room =
                            limit.limits() && members.size() >= limit.maxSessions()
                                    ? makeRoom(members, now, evicted)
                                    : CompletableFuture.completedFuture(new HashMap<>(members));
                    return room.thenApply(next -> {
                        next.put(session.id(), new OwnerMember(now, horizon(session)));
                        return next;
                    });
                })
                .thenApply(ignored -> List.copyOf(evicted));
    }

    /** Pruned members; at the limit, refuses or picks the least recently used to evict. */
    private CompletionStage<Map<String, OwnerMember>> makeRoom(
            Map<String, OwnerMember> members, Instant now, List<String> evicted) {
        return live(members, now).thenApply(found -> {
            Map<String, OwnerMember> next = prune(members, found, now);
            int excess = next.size() - limit.maxSessions() + 1;
            if (excess <= 0) {
                return next;
            }
            if (limit.onLimit() == OwnerLimit.Action.REJECT) {
                throw new SessionException(
                        SessionException.Kind.OWNER_LIMIT_REACHED,
                        "The owner already holds its maximum of " + limit.maxSessions()
                                + " sessions; end one of them first.");
            }
            // Entries still on their way to the store are the newest of all: never evicted.
            found.values().stream()
                    .sorted(Comparator.comparingLong(Session::lastAccessedAtMillis))
                    .limit(excess)
                    .forEach(oldest -> {
                        next.remove(oldest.id());
                        evicted.add(oldest.id());
                    });
            if (next.size() >= limit.maxSessions()) {
                throw new SessionException(
                        SessionException.Kind.WRITE_CONTENTION,
                        "Other creates for this owner are under way; try again shortly.");
            }
            return next;
        });
    }

    /** The owner's live sessions, newest first; drops the entries of sessions that are gone. */
    public CompletionStage<List<Session>> list(String application, String owner, Instant now) {
        List<Session> listed = new ArrayList<>();
        return change(
                        application,
                        owner,
                        now,
                        current -> live(current.members(), now).thenApply(found -> {
                            listed.clear();
                            listed.addAll(found.values());
                            return prune(current.members(), found, now);
                        }))
                .thenApply(ignored -> {
                    listed.sort(Comparator.comparingLong(Session::createdAtMillis)
                            .thenComparing(Session::id)
                            .reversed());
                    return listed;
                });
    }

    /** Takes {@code id} out of its owner's list (after its session ended). */
    public CompletionStage<Void> remove(String application, String owner, String id, Instant now) {
        return remove(application, owner, List.of(id), now);
    }

    /** Takes {@code ids} out of their owner's list. */
    public CompletionStage<Void> remove(String application, String owner, Collection<String> ids, Instant now) {
        return change(application, owner, now, current -> {
            Map<String, OwnerMember> next = new HashMap<>(current.members());
            next.keySet().removeAll(ids);
            return CompletableFuture.completedFuture(next);
        });
    }

    /** Enters {@code session}, stored or about to be, into its owner's list without a limit check (rotation). */
    public CompletionStage<Void> add(Session session, Instant now) {
        return change(session.application(), session.owner(), now, current -> {
            Map<String, OwnerMember> next = new HashMap<>(current.members());
            next.put(session.id(), new OwnerMember(now, horizon(session)));
            return CompletableFuture.completedFuture(next);
        });
    }

    /** Moves the horizon of {@code session}'s entry to that of its latest write; no entry, no change. */
    public CompletionStage<Void> extend(Session session, Instant now) {
        return change(session.application(), session.owner(), now, current -> {
            OwnerMember entry = current.members().get(session.id());
            Map<String, OwnerMember> next = new HashMap<>(current.members());
            if (entry != null && horizon(session).isAfter(entry.horizon())) {
                next.put(session.id(), new OwnerMember(entry.reservedAt(), horizon(session)));
            }
            return CompletableFuture.completedFuture(next);
        });
    }

    /** Members whose session was found (with their horizons brought up to date) or is still reserved. */
    private static Map<String, OwnerMember> prune(
            Map<String, OwnerMember> members, Map<String, Session> found, Instant now) {
        Map<String, OwnerMember> next = new HashMap<>();
        members.forEach((id, entry) -> {
            Session session = found.get(id);
            if (session != null) {
                Instant horizon = horizon(session);
                next.put(id, horizon.isAfter(entry.horizon()) ? new OwnerMember(entry.reservedAt(), horizon) : entry);
            } else if (entry.reservedAt().plus(RESERVATION).isAfter(now)) {
                next.put(id, entry);
            }
        });
        return next;
    }

    /** The live sessions among {@code members}, looked up together, without touching them. */
    private CompletionStage<Map<String, Session>> live(Map<String, OwnerMember> members, Instant now) {
        List<CompletableFuture<Session>> lookups = members.keySet().stream()
                .map(id -> find(id, now).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    Map<String, Session> found = new HashMap<>();
                    lookups.stream()
                            .map(CompletableFuture::join)
                            .filter(session -> session != null)
                            .forEach(session -> found.put(session.id(), session));
                    return found;
                });
    }

    /** The live session {@code id} as stored (not touched), or null. */
    private CompletionStage<Session> find(String id, Instant now) {
        return store.update(id, now, current -> new UpdateResult<Void>(current, null))
                .thenApply(UpdateResult::session)
                .exceptionallyCompose(failure -> {
                    if (Failures.cause(failure) instanceof SessionException refused
                            && refused.kind() == SessionException.Kind.SESSION_NOT_FOUND) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return CompletableFuture.failedFuture(Failures.cause(failure));
                });
    }

    /**
     * Applies {@code decide} to the owner's document and writes what it makes of it by
     * compare-and-set, again on what another writer stored when that one came first. Writes
     * nothing when the members are unchanged.
     */
    private CompletionStage<Void> change(
            String application,
            String owner,
            Instant now,
            Function<OwnerMembers, CompletionStage<Map<String, OwnerMember>>> decide) {
        return attempt(application, owner, now, decide, ATTEMPTS);
    }

    private CompletionStage<Void> attempt(
            String application,
            String owner,
            Instant now,
            Function<OwnerMembers, CompletionStage<Map<String, OwnerMember>>> decide,
            int attemptsLeft) {
        return index.read(application, owner, now)
                .thenCompose(current -> decide.apply(current).thenCompose(next -> {
                    if (next.equals(current.members())) {
                        return CompletableFuture.completedFuture(true);
                    }
                    return index.replace(application, owner, current, next, now);
                }))
                .thenCompose(written -> {
                    if (written) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    if (attemptsLeft <= 1) {
                        return CompletableFuture.failedFuture(new SessionException(
                                SessionException.Kind.WRITE_CONTENTION,
                                "Other requests kept changing this owner's sessions; try again shortly."));
                    }
                    return attempt(application, owner, now, decide, attemptsLeft - 1);
                });
    }
}
