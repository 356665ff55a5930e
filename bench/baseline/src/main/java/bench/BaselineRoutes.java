package bench;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The fastest this HTTP stack answers: GET returns a constant small JSON, PUT reads a small JSON
 * body and discards it. Paths have the shape of the service's item paths.
 */
@Singleton
public class BaselineRoutes {

    private static final String VALUE = "{\"n\":12345,\"s\":\"hello world\"}";

    void routes(@Observes Router router) {
        router.get("/sessions/:id/items/:key")
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("ETag", "\"1\"")
                        .end(VALUE));
        router.put("/sessions/:id/items/:key")
                .handler(BodyHandler.create())
                .handler(ctx -> ctx.response()
                        .putHeader("ETag", "\"1\"")
                        .setStatusCode(200)
                        .end());
    }
}
