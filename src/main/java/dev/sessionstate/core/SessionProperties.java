package dev.sessionstate.core;

/**
 * The caller-defined properties of a session, after ASNA's JobSession: a command parameter, a
 * locale id and a code page. Each is null until set.
 */
public record SessionProperties(String commandParm, Integer lcid, Integer codePage) {

    public static final SessionProperties NONE = new SessionProperties(null, null, null);
}
