package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link IndexResourceTest}, on the Infinispan store. */
@QuarkusTest
@TestProfile(InfinispanProfile.class)
class IndexResourceInfinispanTest extends IndexResourceTest {}
