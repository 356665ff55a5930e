package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A counter's value after an increment. */
@Schema(name = "Counter")
public record CounterView(@Schema(description = "The new value, a 64-bit signed integer") long value) {
}
