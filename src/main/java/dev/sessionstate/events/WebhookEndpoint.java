package dev.sessionstate.events;

import java.net.URI;

/** One configured webhook receiver: its name (for metrics and logs), URL, signer, and whose events it gets. */
public record WebhookEndpoint(String name, URI url, WebhookSigner signer, String application) {}
