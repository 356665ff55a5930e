package dev.sessionstate.core;

/** A merge patch of a session's settings and properties. */
public record SessionPatch(
        FieldPatch<Integer> timeoutSeconds,
        FieldPatch<Boolean> readOnly,
        FieldPatch<String> commandParm,
        FieldPatch<Integer> lcid,
        FieldPatch<Integer> codePage) {}
