package dev.sessionstate.core;

/** A merge patch of a session's settings and properties. */
public record SessionPatch(
        FieldPatch<Integer> timeoutSeconds,
        FieldPatch<Boolean> readOnly,
        FieldPatch<String> commandParm,
        FieldPatch<Integer> lcid,
        FieldPatch<Integer> codePage,
        FieldPatch<Integer> maxLifetimeSeconds,
        FieldPatch<Boolean> cookieless) {

    /** A patch that leaves the maximum lifetime and the cookieless property as they are. */
    public SessionPatch(
            FieldPatch<Integer> timeoutSeconds,
            FieldPatch<Boolean> readOnly,
            FieldPatch<String> commandParm,
            FieldPatch<Integer> lcid,
            FieldPatch<Integer> codePage) {
        this(timeoutSeconds, readOnly, commandParm, lcid, codePage, FieldPatch.absent(), FieldPatch.absent());
    }
}
