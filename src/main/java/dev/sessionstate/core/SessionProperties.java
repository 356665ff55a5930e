package dev.sessionstate.core;

/**
 * The caller-defined properties of a session, after ASNA's JobSession: a command parameter, a
 * locale id and a code page, each null until set; and, after ASP.NET's
 * {@code HttpSessionState.IsCookieless}, whether the caller carries the session id in URLs
 * rather than in a cookie (false until set).
 */
public record SessionProperties(String commandParm, Integer lcid, Integer codePage, boolean cookieless) {

    public static final SessionProperties NONE = new SessionProperties(null, null, null, false);

    /** Only cookieless set. */
    public static final SessionProperties COOKIELESS = new SessionProperties(null, null, null, true);

    /**
     * These properties; {@link #NONE} or {@link #COOKIELESS} when nothing else is set, so that
     * sessions that set nothing share one instance (bench/RESULTS.md, "Heap per session").
     */
    public static SessionProperties of(String commandParm, Integer lcid, Integer codePage, boolean cookieless) {
        if (commandParm == null && lcid == null && codePage == null) {
            return cookieless ? COOKIELESS : NONE;
        }
        return new SessionProperties(commandParm, lcid, codePage, cookieless);
    }

    /** Properties of a session whose id is carried in a cookie. */
    public SessionProperties(String commandParm, Integer lcid, Integer codePage) {
        this(commandParm, lcid, codePage, false);
    }
}
