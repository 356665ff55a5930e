package dev.sessionstate.core;

/**
 * How many live sessions one owner may hold, and what creating one more does.
 *
 * @param maxSessions the most sessions per owner; 0 for no limit
 * @param onLimit     what a create beyond the limit does
 */
public record OwnerLimit(int maxSessions, Action onLimit) {

    public static final OwnerLimit NONE = new OwnerLimit(0, Action.REJECT);

    /** What a create beyond the limit does. */
    public enum Action {
        /** Refuse it with OWNER_LIMIT_REACHED. */
        REJECT,
        /** End the owner's least recently used sessions (reason EVICTED) to make room. */
        EVICT_OLDEST
    }

    public boolean limits() {
        return maxSessions > 0;
    }
}
