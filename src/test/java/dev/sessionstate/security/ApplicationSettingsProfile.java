package dev.sessionstate.security;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ApiKeyProfile}'s clients, with settings of their own for two applications: {@code shop}
 * (timeout bounds, session size, initial items) and {@code capped} (at most two live sessions, its
 * one writer {@link #CAPPED}). {@code blog} has the global settings.
 */
public class ApplicationSettingsProfile extends ApiKeyProfile {

    static final String CAPPED = "ssk_capped_Vd81LqXw3rTz0PnE";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put(
                "sessions.auth.api-keys.capped.sha256",
                "50d82dcb141ddb47954de96addf337c593994d564ea433b48fa8e3d1bd43450e");
        config.put("sessions.auth.api-keys.capped.roles", "writer");
        config.put("sessions.auth.api-keys.capped.application", "capped");
        config.put("sessions.applications.capped.max-sessions", "2");
        config.put("sessions.applications.shop.timeout.default", "60S");
        config.put("sessions.applications.shop.timeout.min", "10S");
        config.put("sessions.applications.shop.timeout.max", "120S");
        config.put("sessions.applications.shop.max-session-size", "300");
        config.put("sessions.applications.shop.initial-items.cart", "[ ]");
        config.put("sessions.applications.shop.initial-items.currency", "\"EUR\"");
        config.put("sessions.applications.shop.initial-items.theme", "{\"dark\": true}");
        return config;
    }
}
