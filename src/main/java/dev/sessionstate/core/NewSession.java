package dev.sessionstate.core;

import java.util.Map;

/**
 * What a caller asks for when creating a session.
 *
 * @param timeoutSeconds idle timeout, or null for the default
 * @param readOnly       whether item writes are refused
 * @param items          initial items: keys to JSON texts, in order
 * @param owner          whose session it is (1 to 256 characters), or null
 */
public record NewSession(Integer timeoutSeconds, boolean readOnly, Map<String, String> items, String owner) {

    /** A request without owner. */
    public NewSession(Integer timeoutSeconds, boolean readOnly, Map<String, String> items) {
        this(timeoutSeconds, readOnly, items, null);
    }
}
