package dev.sessionstate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionstate.core.ItemService;
import dev.sessionstate.core.ValueType;
import dev.sessionstate.metrics.HttpRequestMetrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The hottest request, {@code GET /sessions/{id}/items/{key}}, answered by a plain Vert.x route
 * rather than the REST layer, which costs more than the read itself (bench/RESULTS.md).
 *
 * <p>{@link ItemResource#get} stays the operation's definition (the OpenAPI document) and
 * answers every request this route hands on: those with a query string (typed reads), a
 * percent-encoded path, or an {@code Accept} header other than {@code application/json} or
 * {@code *}{@code /*}. For the rest, this route answers exactly as that method does: the value's
 * bytes with the session's ETag, or the same problem document (through {@link ProblemMapper});
 * a test compares the two answers.
 */
@Singleton
public class ItemReadRoute {

    static final String TEMPLATE = "/sessions/{id}/items/{key}";
    /** After Quarkus' own routes that must see every request (ApiWiring's at -3), before the REST layer. */
    private static final int ORDER = -1;
    private static final String JSON = "application/json";

    private final ItemService items;
    private final ObjectMapper json;
    private final HttpRequestMetrics metrics;

    public ItemReadRoute(ItemService items, ObjectMapper json, HttpRequestMetrics metrics) {
        this.items = items;
        this.json = json;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.get("/sessions/:id/items/:key").order(ORDER).handler(this::read);
    }

    private void read(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.query() != null || request.path().indexOf('%') >= 0 || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            ctx.next();
            return;
        }
        long start = System.nanoTime();
        items.item(ctx.pathParam("id"), ctx.pathParam("key"), ValueType.ANY).whenComplete((read, failure) -> {
            HttpServerResponse response = ctx.response();
            int status;
            if (failure == null) {
                status = 200;
                response.putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .putHeader(HttpHeaders.ETAG, EntityTags.of(read.session()))
                        .end(read.result());
            } else {
                ProblemMapper.Answer answer = ProblemMapper.answer(failure);
                status = answer.type().status();
                response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
                if (status == 503) {
                    response.putHeader(HttpHeaders.RETRY_AFTER, "1");
                }
                response.end(ProblemMapper.body(json, answer.type(), answer.detail(), request.path()));
            }
            metrics.record("GET", TEMPLATE, status, start);
        });
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals(JSON) || accept.equals("*/*");
    }
}
