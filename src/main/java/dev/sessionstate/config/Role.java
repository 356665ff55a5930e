package dev.sessionstate.config;

/** What a caller may do. Roles do not include one another: a client that reads and writes has {@code writer}. */
public enum Role {
    /** Reads sessions and items. */
    READER,
    /** Reads, creates, changes and ends sessions and items. */
    WRITER,
    /** Subscribes to session events ({@code GET /events}). */
    EVENTS,
    /** Operations that span sessions (none are served yet). */
    ADMIN;

    /** The role's name in configuration, tokens and security identities: {@code reader}, {@code writer}... */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
