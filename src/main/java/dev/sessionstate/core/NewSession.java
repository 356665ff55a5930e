package dev.sessionstate.core;

import java.util.Map;

/**
 * What a caller asks for when creating a session.
 *
 * @param timeoutSeconds     idle timeout, or null for the default
 * @param readOnly           whether item writes are refused
 * @param items              initial items: keys to JSON texts, in order
 * @param maxLifetimeSeconds hard maximum lifetime, or null for the default
 * @param cookieless         whether the caller carries the session id in URLs rather than a cookie
 * @param owner              whose session it is (1 to 256 characters), or null
 */
public record NewSession(
        Integer timeoutSeconds,
        boolean readOnly,
        Map<String, String> items,
        Integer maxLifetimeSeconds,
        boolean cookieless,
        String owner) {

    /** A session without owner, with the default maximum lifetime, whose id is carried in a cookie. */
    public NewSession(Integer timeoutSeconds, boolean readOnly, Map<String, String> items) {
        this(timeoutSeconds, readOnly, items, null, false, null);
    }

    /** A session of {@code owner}, with the default maximum lifetime, whose id is carried in a cookie. */
    public NewSession(Integer timeoutSeconds, boolean readOnly, Map<String, String> items, String owner) {
        this(timeoutSeconds, readOnly, items, null, false, owner);
    }

    /** A session without owner. */
    public NewSession(
            Integer timeoutSeconds,
            boolean readOnly,
            Map<String, String> items,
            Integer maxLifetimeSeconds,
            boolean cookieless) {
        this(timeoutSeconds, readOnly, items, maxLifetimeSeconds, cookieless, null);
    }
}
