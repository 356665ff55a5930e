package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link OwnersTest}, on the Infinispan store. */
@QuarkusTest
@TestProfile(OwnerLimitInfinispanProfile.class)
class OwnersInfinispanTest extends OwnersTest {}
