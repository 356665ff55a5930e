package dev.sessionstate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;

/** The same checks with the store down: every operation answers 503, as the document declares. */
@QuarkusTest
@TestProfile(StoreDownTest.Down.class)
class OpenApiConformanceStoreDownTest extends OpenApiConformanceTest {

    @Override
    List<OperationExchanges.Exchange> exchanges() {
        return OperationExchanges.storeDown();
    }
}
