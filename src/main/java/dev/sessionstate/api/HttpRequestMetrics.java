package dev.sessionstate.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Times every API request as {@code http.server.requests}, tagged by method, route template (such
 * as {@code /sessions/{id}/items/{key}}), status and outcome, never by a session id or key.
 *
 * <p>It replaces Quarkus' own HTTP server binder, which normalises the path, builds tags and looks
 * the meter up again on every request: measured, that cost 15 to 20 % of the throughput of a GET.
 * Here the template of a resource method is worked out once and each timer is cached.
 */
@Singleton
public class HttpRequestMetrics {

    private static final String START = HttpRequestMetrics.class.getName() + ".start";
    private static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;
    private final Map<Class<?>, Map<String, String>> templates = new ConcurrentHashMap<>();
    private final Map<RouteKey, Timer> timers = new ConcurrentHashMap<>();

    public HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (request.getProperty(START) instanceof Long start) {
            String template = resource == null || resource.getResourceClass() == null ? UNMATCHED : template(resource);
            timer(new RouteKey(request.getMethod(), template, response.getStatus()))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Records a request that a plain Vert.x route answered, begun at {@code startNanos} ({@link System#nanoTime()}).
     */
    public void record(String method, String template, int status, long startNanos) {
        timer(new RouteKey(method, template, status)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The timers of one route, for a caller that answers many requests of it: each timer is looked up once per
     * status, not once per request.
     */
    public RouteTimers route(String method, String template) {
        return new RouteTimers(method, template);
    }

    /** The timers of one method and route template, by status, each registered when first used. */
    public final class RouteTimers {

        /** Statuses are three digits; others are looked up every time. */
        private static final int STATUSES = 600;

        private final String method;
        private final String template;
        private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(STATUSES);

        private RouteTimers(String method, String template) {
            this.method = method;
            this.template = template;
        }

        /** Records a request answered with {@code status}, begun at {@code startNanos} ({@link System#nanoTime()}). */
        public void record(int status, long startNanos) {
            long elapsed = System.nanoTime() - startNanos;
            boolean cached = status >= 0 && status < STATUSES;
            Timer timer = cached ? byStatus.get(status) : null;
            if (timer == null) {
                timer = timer(new RouteKey(method, template, status));
                if (cached) {
                    byStatus.set(status, timer);
                }
            }
            timer.record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(RouteKey key) {
        Timer timer = timers.get(key);
        return timer != null
                ? timer
                : timers.computeIfAbsent(
                        key,
                        k -> Timer.builder("http.server.requests")
                                .description("HTTP requests to the API, by route template")
                                .tags(
                                        "method",
                                        k.method(),
                                        "uri",
                                        k.template(),
                                        "status",
                                        Integer.toString(k.status()),
                                        "outcome",
                                        outcome(k.status()))
                                .register(registry));
    }

    private String template(SimpleResourceInfo resource) {
        Map<String, String> byMethod =
                templates.computeIfAbsent(resource.getResourceClass(), c -> new ConcurrentHashMap<>());
        String template = byMethod.get(resource.getMethodName());
        return template != null
                ? template
                : byMethod.computeIfAbsent(resource.getMethodName(), m -> templateOf(resource));
    }

    /** The class's {@code @Path} joined with the method's. */
    private static String templateOf(SimpleResourceInfo resource) {
        Path base = resource.getResourceClass().getAnnotation(Path.class);
        String template = base == null ? "" : base.value();
        try {
            Path sub = resource.getResourceClass()
                    .getMethod(resource.getMethodName(), resource.parameterTypes())
                    .getAnnotation(Path.class);
            if (sub != null) {
                template = template.replaceAll("/+$", "") + "/" + sub.value().replaceAll("^/+", "");
            }
        } catch (NoSuchMethodException e) {
            // Not a public resource method; the class path alone still names the route.
        }
        return template.startsWith("/") ? template : "/" + template;
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    private record RouteKey(String method, String template, int status) {}
}
