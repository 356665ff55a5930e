package dev.sessionstate.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link ApplicationIsolationTest}, on the Infinispan store. */
@QuarkusTest
@TestProfile(ApiKeyInfinispanProfile.class)
class ApplicationIsolationInfinispanTest extends ApplicationIsolationTest {}
