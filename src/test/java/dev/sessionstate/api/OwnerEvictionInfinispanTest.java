package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link OwnerEvictionTest}, on the Infinispan store. */
@QuarkusTest
@TestProfile(OwnerEvictionInfinispanProfile.class)
class OwnerEvictionInfinispanTest extends OwnerEvictionTest {}
