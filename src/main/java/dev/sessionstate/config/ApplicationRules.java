package dev.sessionstate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.SessionException;
import dev.sessionstate.core.SessionRules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The rules of one configured application: its own settings where it has them, the global ones elsewhere. */
final class ApplicationRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationRules() {}

    /**
     * The rules of application {@code name}; fails with an {@link IllegalArgumentException} naming
     * the key when its settings do not hold.
     */
    static SessionRules of(String name, SessionRules global, SessionsConfig.Application application) {
        String prefix = "sessions.applications." + name + ".";
        SessionsConfig.Application.ApplicationTimeout timeout = application.timeout();
        int defaultTimeout = seconds(timeout.defaultTimeout(), global.defaultTimeout());
        int min = seconds(timeout.min(), global.minTimeout());
        int max = seconds(timeout.max(), global.maxTimeout());
        if (min < 1 || min > defaultTimeout || defaultTimeout > max) {
            throw new IllegalArgumentException(prefix + "timeout.* must keep 1s <= min <= default <= max; they are "
                    + min + "s, " + defaultTimeout + "s and " + max + "s (with the global ones filling in).");
        }
        int maxSessionBytes = application
                .maxSessionSize()
                .map(size -> Math.toIntExact(size.asLongValue()))
                .orElse(global.maxSessionBytes());
        SessionRules rules = new SessionRules(
                global.maxKeyLength(),
                global.maxValueBytes(),
                global.maxItems(),
                maxSessionBytes,
                defaultTimeout,
                min,
                max,
                initialItems(prefix, application.initialItems()));
        try {
            rules.checkInitialItems();
        } catch (SessionException refused) {
            throw new IllegalArgumentException(prefix + "initial-items do not fit the limits: " + refused.getMessage());
        }
        return rules;
    }

    /** Each value parsed as JSON and kept as compact JSON text, in the order of the keys. */
    private static Map<String, String> initialItems(String prefix, Map<String, String> configured) {
        Map<String, String> items = new LinkedHashMap<>();
        new TreeMap<>(configured).forEach((key, text) -> {
            try {
                items.put(key, JSON.readTree(text).toString());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        prefix + "initial-items." + key + " is not JSON text: " + e.getOriginalMessage());
            }
        });
        return items;
    }

    private static int seconds(Optional<Duration> configured, int global) {
        return configured.map(d -> Math.toIntExact(d.toSeconds())).orElse(global);
    }
}
