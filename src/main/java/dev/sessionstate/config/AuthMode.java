package dev.sessionstate.config;

/** How callers prove who they are; {@code sessions.auth.mode} lists one or more. */
public enum AuthMode {
    /** Nobody is asked: every caller may do anything. For one developer on one machine. */
    NONE,
    /** A key in the {@code X-Api-Key} header, whose SHA-256 is configured per client. */
    API_KEY,
    /** An OAuth 2 bearer token, verified by {@code quarkus-oidc} (application type {@code service}). */
    OIDC
}
