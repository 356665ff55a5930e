package dev.sessionstate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sessionstate.core.SessionRules;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** An application's settings over the global ones, and the start refused when they do not hold. */
class ApplicationRulesTest {

    private static final SessionRules GLOBAL = new SessionRules(256, 100, 3, 1000, 1200, 1, 86400);

    @Test
    void settingsLeftOutAreTheGlobalOnes() {
        SessionRules rules =
                ApplicationRules.of("shop", GLOBAL, settings(Optional.of(Duration.ofMinutes(1)), Map.of()));
        assertEquals(new SessionRules(256, 100, 3, 1000, 60, 1, 86400, Map.of()), rules);
    }

    @Test
    void initialItemsAreKeptAsCompactJsonInKeyOrder() {
        SessionRules rules = ApplicationRules.of(
                "shop", GLOBAL, settings(Optional.empty(), Map.of("b", "{ \"x\" : 1 }", "a", " [1, 2] ")));
        assertEquals(Map.of("a", "[1,2]", "b", "{\"x\":1}"), rules.initialItems());
        assertEquals("a", rules.initialItems().keySet().iterator().next());
    }

    @Test
    void initialItemThatIsNotJsonFailsTheStartNamingTheKey() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ApplicationRules.of("shop", GLOBAL, settings(Optional.empty(), Map.of("cart", "{oops"))));
        assertEquals(
                true, refused.getMessage().startsWith("sessions.applications.shop.initial-items.cart is not JSON"));
    }

    @Test
    void initialItemsOverTheLimitsFailTheStart() {
        IllegalArgumentException tooLarge = assertThrows(
                IllegalArgumentException.class,
                () -> ApplicationRules.of(
                        "shop", GLOBAL, settings(Optional.empty(), Map.of("big", "\"" + "x".repeat(100) + "\""))));
        assertEquals(
                "sessions.applications.shop.initial-items do not fit the limits: The value for 'big' has 102 bytes; "
                        + "at most 100 are allowed per value.",
                tooLarge.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ApplicationRules.of(
                        "shop", GLOBAL, settings(Optional.empty(), Map.of("a", "1", "b", "2", "c", "3", "d", "4"))));
    }

    @Test
    void aDefaultTimeoutOutsideTheBoundsFailsTheStart() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ApplicationRules.of("shop", GLOBAL, settings(Optional.of(Duration.ofDays(2)), Map.of())));
        assertEquals(
                "sessions.applications.shop.timeout.* must keep 1s <= min <= default <= max; they are 1s, 172800s "
                        + "and 86400s (with the global ones filling in).",
                refused.getMessage());
    }

    private static SessionsConfig.Application settings(Optional<Duration> defaultTimeout, Map<String, String> items) {
        return new SessionsConfig.Application() {
            @Override
            public ApplicationTimeout timeout() {
                return new ApplicationTimeout() {
                    @Override
                    public Optional<Duration> defaultTimeout() {
                        return defaultTimeout;
                    }

                    @Override
                    public Optional<Duration> min() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<Duration> max() {
                        return Optional.empty();
                    }
                };
            }

            @Override
            public Optional<MemorySize> maxSessionSize() {
                return Optional.empty();
            }

            @Override
            public OptionalLong maxSessions() {
                return OptionalLong.empty();
            }

            @Override
            public Map<String, String> initialItems() {
                return items;
            }
        };
    }
}
