package dev.sessionstate.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The number of items in a session. */
@Schema(name = "Count")
public record CountView(int count) {}
