package dev.sessionstate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.Role;
import dev.sessionstate.config.SessionsConfig;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String WRITER_HASH = "ed899bdc7fabfceb3e5c7684ba4fb2c6b14aac98f7396fca4e89181a6702b2b1";
    private static final String OLD_HASH = "4450df49ba26130d100d64a78cd5a13850f2c38191938318900c6bbb918d3b48";

    @Test
    void theSha256OfAKeyIsWhatOperatorsConfigure() {
        assertEquals(WRITER_HASH, HexFormat.of().formatHex(ApiKeys.sha256(ApiKeyProfile.WRITER)));
    }

    @Test
    void eachOfAClientsKeysFindsTheClientAndNoOtherKeyDoes() {
        ApiKeys keys = new ApiKeys(Map.of(
                "shop", client(List.of(WRITER_HASH, " " + OLD_HASH.toUpperCase()), Set.of(Role.WRITER))));
        ApiKeys.Client shop = keys.find(ApiKeyProfile.WRITER).orElseThrow();
        assertEquals("shop", shop.name());
        assertEquals(Set.of("writer"), shop.roles());
        assertEquals("shop-app", shop.application());
        assertEquals(shop, keys.find(ApiKeyProfile.WRITER_OLD).orElseThrow());
        assertTrue(keys.find(ApiKeyProfile.READER).isEmpty());
        assertTrue(keys.find("").isEmpty());
        assertTrue(keys.find(WRITER_HASH).isEmpty(), "the hash itself is not a key");
    }

    @Test
    void aValueThatIsNoSha256IsRefusedWithoutBeingRepeated() {
        for (String bad : List.of("abc", WRITER_HASH.substring(1) + "g", WRITER_HASH + "00")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new ApiKeys(Map.of("shop", client(List.of(bad), Set.of(Role.READER)))));
            assertTrue(e.getMessage().contains("sessions.auth.api-keys.shop.sha256"), e.getMessage());
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void startRefusesSetUpsThatWouldNotDoWhatTheySay() {
        assertNull(AuthStartup.mistake(Set.of(AuthMode.NONE), false, false));
        assertNull(AuthStartup.mistake(Set.of(AuthMode.API_KEY), true, false));
        assertNull(AuthStartup.mistake(Set.of(AuthMode.API_KEY, AuthMode.OIDC), true, true));
        assertNull(AuthStartup.mistake(Set.of(AuthMode.OIDC), false, true));
        assertTrue(AuthStartup.mistake(Set.of(AuthMode.NONE, AuthMode.API_KEY), true, false)
                .contains("none cannot"));
        assertTrue(AuthStartup.mistake(Set.of(AuthMode.API_KEY), false, false).contains("no sessions.auth.api-keys"));
        assertTrue(AuthStartup.mistake(Set.of(AuthMode.OIDC), false, false).contains("tenant-enabled=true"));
        assertTrue(AuthStartup.mistake(Set.of(AuthMode.API_KEY), true, true).contains("tenant-enabled=false"));
    }

    private static SessionsConfig.Auth.ApiKeyClient client(List<String> hashes, Set<Role> roles) {
        return new SessionsConfig.Auth.ApiKeyClient() {
            @Override
            public List<String> sha256() {
                return hashes;
            }

            @Override
            public Set<Role> roles() {
                return roles;
            }

            @Override
            public String application() {
                return "shop-app";
            }
        };
    }
}
