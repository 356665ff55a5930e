package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A counter's value after an increment. */
@Schema(name = "Counter")
public record CounterView(
        @Schema(
                description = "The new value, a 64-bit signed integer. JavaScript's JSON.parse "
                        + "rounds integers beyond 2^53 (9007199254740992); read this member as a string or "
                        + "BigInt there, for example with json-bigint.")
        long value) {}
