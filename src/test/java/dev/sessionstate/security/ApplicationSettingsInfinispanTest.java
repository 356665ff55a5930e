package dev.sessionstate.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link ApplicationSettingsTest}, on the Infinispan store. */
@QuarkusTest
@TestProfile(ApplicationSettingsInfinispanProfile.class)
class ApplicationSettingsInfinispanTest extends ApplicationSettingsTest {}
