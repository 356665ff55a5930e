package dev.sessionstate.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The key a caller sent in {@code X-Api-Key}, on its way to {@link ApiKeyIdentityProvider}. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
