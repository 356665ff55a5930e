package dev.sessionstate.core;

import static dev.sessionstate.core.SessionException.Kind.INVALID_FIELD;

import java.time.Duration;
import java.time.Instant;

/**
 * The rules of the hard maximum lifetime that a session may have beside its sliding idle
 * timeout: counted from creation, ended however busy the session is.
 *
 * @param defaultSeconds maximum lifetime of a session created without one, 0 for none
 * @param maxSeconds     longest maximum lifetime a caller may ask for
 */
public record Lifetimes(int defaultSeconds, int maxSeconds) {

    /** No maximum lifetime unless a caller asks for one, of up to 30 days. */
    public static final Lifetimes NONE_BY_DEFAULT =
            new Lifetimes(0, (int) Duration.ofDays(30).toSeconds());

    public Lifetimes {
        if (maxSeconds < 1 || defaultSeconds < 0 || defaultSeconds > maxSeconds) {
            throw new IllegalArgumentException(
                    "the default maximum lifetime must be 0 (none) or at most the longest one, itself at least 1 s");
        }
    }

    /** The maximum lifetime of a new session that asked for {@code requested} (null: the default), 0 for none. */
    public int atCreate(Integer requested) {
        if (requested == null) {
            return defaultSeconds;
        }
        check(requested);
        return requested;
    }

    /**
     * The maximum lifetime that a change to {@code requested} gives {@code current} at {@code now}:
     * it may only be lowered (a session without one may be given one), and not to or below the
     * session's age, which would end it in the answer that changed it.
     */
    public int lowered(Session current, Integer requested, Instant now) {
        if (requested == null) {
            throw new SessionException(
                    INVALID_FIELD, "maxLifetimeSeconds can only be lowered, never removed; leave it out to keep it.");
        }
        check(requested);
        int currentSeconds = current.maxLifetimeSeconds();
        if (currentSeconds != 0 && requested > currentSeconds) {
            throw new SessionException(
                    INVALID_FIELD,
                    "maxLifetimeSeconds can only be lowered; it is " + currentSeconds + ", got " + requested + ".");
        }
        long age = Duration.between(current.createdAt(), now).toSeconds();
        if (requested <= age) {
            throw new SessionException(
                    INVALID_FIELD,
                    "maxLifetimeSeconds must exceed the session's age (" + age + " s); got " + requested + ".");
        }
        return requested;
    }

    private void check(int requested) {
        if (requested < 1 || requested > maxSeconds) {
            throw new SessionException(
                    INVALID_FIELD,
                    "maxLifetimeSeconds must be between 1 and " + maxSeconds + "; got " + requested + ".");
        }
    }
}
