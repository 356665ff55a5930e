package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same check against the packaged application. */
@QuarkusIntegrationTest
class OpenApiDocumentIT extends OpenApiDocumentTest {}
